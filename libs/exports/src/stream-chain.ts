import type { RecordedEvent } from '@ledger/ledger';
import { hashLink, unsealMetadata } from '@ledger/ledger';

export interface StreamChainReport {
  readonly ok: boolean;
  readonly events: number;
  /** The first link that does not verify; everything after it is unverified. */
  readonly firstBroken?: { readonly revision: string; readonly reason: 'hash_mismatch' | 'prev_mismatch' | 'revision_gap' | 'missing_chain_fields' };
}

/** Re-verifies one stream's chain from the stored bytes (revision order, from revision 0). */
export function verifyStreamChain(events: readonly RecordedEvent[]): StreamChainReport {
  let prev: string | null = null;
  let expected = 0n;
  let verified = 0;
  for (const event of events) {
    const broken = (reason: NonNullable<StreamChainReport['firstBroken']>['reason']): StreamChainReport => ({
      ok: false,
      events: verified,
      firstBroken: { revision: event.revision.toString(), reason },
    });
    const sealed = unsealMetadata(event.metadata);
    if (!sealed) return broken('missing_chain_fields');
    if (event.revision !== expected) return broken('revision_gap');
    if (sealed.prev !== prev) return broken('prev_mismatch');
    const hash = hashLink({ stream: event.stream, revision: event.revision, type: event.type, prev: sealed.prev, data: event.data, otherMetadata: sealed.otherMetadata });
    if (hash !== sealed.hash) return broken('hash_mismatch');
    prev = sealed.hash;
    expected += 1n;
    verified += 1;
  }
  return { ok: true, events: verified };
}

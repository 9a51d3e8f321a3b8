import type { EventStore } from '../event-store/event-store.port.js';
import { readAllPages } from '../event-store/read-all-pages.js';
import { hashLink, unsealMetadata } from './hash-chain.js';

export interface BrokenLink {
  readonly stream: string;
  readonly revision: string;
  readonly position: string;
  readonly reason: 'hash_mismatch' | 'prev_mismatch' | 'revision_gap' | 'missing_chain_fields';
}

export interface VerificationReport {
  readonly ok: boolean;
  readonly streams: number;
  readonly events: number;
  readonly firstBroken?: BrokenLink;
}

export interface VerifyOptions {
  readonly pageSize?: number;
  readonly onProgress?: (eventsChecked: number) => void;
}

/**
 * Re-computes every chain in `$all` order from the stored bytes. Stops at the first broken link:
 * after one, every later hash in that stream is suspect anyway, and the auditor needs the first.
 */
export async function verifyLedger(store: EventStore, options: VerifyOptions = {}): Promise<VerificationReport> {
  const heads = new Map<string, { revision: bigint; hash: string }>();
  let events = 0;
  for await (const page of readAllPages(store, { pageSize: options.pageSize ?? 5000 })) {
    for (const event of page) {
      const broken = (reason: BrokenLink['reason']): VerificationReport => ({
        ok: false,
        streams: heads.size,
        events,
        firstBroken: { stream: event.stream, revision: event.revision.toString(), position: event.position.toString(), reason },
      });
      const sealed = unsealMetadata(event.metadata);
      if (!sealed) return broken('missing_chain_fields');
      const head = heads.get(event.stream);
      const expectedRevision = head ? head.revision + 1n : 0n;
      if (event.revision !== expectedRevision) return broken('revision_gap');
      if (sealed.prev !== (head?.hash ?? null)) return broken('prev_mismatch');
      const recomputed = hashLink({
        stream: event.stream,
        revision: event.revision,
        type: event.type,
        prev: sealed.prev,
        data: event.data,
        otherMetadata: sealed.otherMetadata,
      });
      if (recomputed !== sealed.hash) return broken('hash_mismatch');
      heads.set(event.stream, { revision: event.revision, hash: sealed.hash });
      events++;
    }
    options.onProgress?.(events);
  }
  return { ok: true, streams: heads.size, events };
}

import type { CaseEvent } from '@ledger/domain';
import type { RecordedEvent } from '@ledger/ledger';
import { canonicalJson, hashLink, sealMetadata } from '@ledger/ledger';

/** The events as the ledger writer would have stored them: canonical bytes, chained hashes. */
export function recordedCase(caseId: string, events: readonly CaseEvent[]): RecordedEvent[] {
  let prev: string | null = null;
  return events.map((event, i) => {
    const stream = `case-${caseId}`;
    const data = canonicalJson({ ...event.data, caseId });
    const otherMetadata = canonicalJson({
      actor: { userId: event.data.by, role: event.data.by.replace(/^u-/, '') },
      occurredAt: event.data.occurredAt,
      recordedAt: '2025-03-03T12:00:00.000Z',
      policyVersion: 'ct-2024-07-10',
    });
    const hash = hashLink({ stream, revision: BigInt(i), type: event.type, prev, data, otherMetadata });
    const recorded: RecordedEvent = {
      id: `e${i}`,
      stream,
      revision: BigInt(i),
      position: BigInt(100 + i),
      type: event.type,
      data,
      metadata: sealMetadata(hash, prev, otherMetadata),
      recordedAt: new Date('2025-03-03T12:00:00.000Z'),
    };
    prev = hash;
    return recorded;
  });
}

import type { EventStore } from '@ledger/ledger';
import { caseHistories, projectedHistory } from './case-histories.js';

const at = (minute: number) => new Date(Date.UTC(2025, 2, 3, 9, minute)).toISOString();

/** Every kind of event the views read: users and tokens, the case histories interleaved on `$all`, reads of cases. */
export async function ledgerOf(store: EventStore): Promise<void> {
  const append = (stream: string, type: string, data: object) =>
    store.appendToStream(stream, [{ type, data: JSON.stringify(data), metadata: JSON.stringify({ occurredAt: (data as { occurredAt?: string }).occurredAt }) }]);
  await append('user-u1', 'UserRegistered', { userId: 'u1', name: 'Ada', role: 'auditor', by: 'admin', occurredAt: at(0) });
  await append('user-u1', 'TokenIssued', { userId: 'u1', tokenId: 't1', tokenSha256: 'a'.repeat(64), by: 'admin', occurredAt: at(1) });
  await append('user-u1', 'TokenIssued', { userId: 'u1', tokenId: 't2', tokenSha256: 'b'.repeat(64), by: 'admin', occurredAt: at(2) });
  const caseIds = Object.keys(caseHistories());
  for (const [i, event] of projectedHistory().entries()) {
    await append(event.stream, event.type, event.data as object);
    if (i % 4 === 0) {
      const caseId = caseIds[i % caseIds.length];
      await append('access-20250303', 'RecordAccessed', { userId: 'u1', role: 'auditor', action: 'case_read', caseId, outcome: 'allowed', status: 200, occurredAt: at(10 + i) });
    }
  }
  await append('user-u1', 'TokensRevoked', { userId: 'u1', tokenIds: ['t1'], by: 'admin', occurredAt: at(59) });
}


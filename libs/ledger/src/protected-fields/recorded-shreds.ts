import { type PatronIdentityShredded, type RetentionEvent, RETENTION_STREAM } from '@ledger/domain';
import type { EventStore } from '../event-store/event-store.port.js';
import { decodeRecorded } from '../event-store/decode.js';
import type { ProtectedFields } from './protected-fields.js';

export interface ReappliedShreds {
  /** Shreds the ledger records. */
  readonly recorded: number;
  /** Keys that were still live in keys.db and are destroyed now. */
  readonly destroyedNow: readonly string[];
  /** Keys destroyed now whose fingerprint is not the one the ledger recorded (a key store of another ledger?). */
  readonly fingerprintMismatches: readonly string[];
}

/** Every shred the ledger records, oldest first: a case's identity, or a linked identifier's key an erasure destroyed. */
export async function recordedShreds(store: EventStore): Promise<Pick<PatronIdentityShredded['data'], 'keyId' | 'keyFingerprint'>[]> {
  const events = await store.readStream(RETENTION_STREAM);
  return events.flatMap((recorded) => {
    const { event } = decodeRecorded<RetentionEvent>(recorded);
    if (event.type === 'PatronIdentityShredded') return [event.data];
    if (event.type === 'ErasureRequestAnswered') return event.data.identifierKeysShredded ?? [];
    return [];
  });
}

/**
 * Brings keys.db in line with the ledger: every key a `PatronIdentityShredded` names is destroyed if
 * it is still there. A shred is recorded before its key is destroyed, so this finishes one that a
 * crash interrupted; and a keys.db restored from a backup older than some shreds forgets those
 * identities again (`ledger retention --reapply`; every API server does it on start, and the purge scheduler on each run).
 */
export async function reapplyRecordedShreds(store: EventStore, fields: ProtectedFields, at = new Date()): Promise<ReappliedShreds> {
  const shreds = await recordedShreds(store);
  const destroyedNow: string[] = [];
  const fingerprintMismatches: string[] = [];
  for (const shred of shreds) {
    const fingerprint = fields.shredKey(shred.keyId, at);
    if (fingerprint === null) continue;
    destroyedNow.push(shred.keyId);
    if (shred.keyFingerprint !== null && fingerprint !== shred.keyFingerprint) fingerprintMismatches.push(shred.keyId);
  }
  return { recorded: shreds.length, destroyedNow, fingerprintMismatches };
}

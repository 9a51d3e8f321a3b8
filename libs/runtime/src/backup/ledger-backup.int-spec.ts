import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RETENTION_STREAM } from '@ledger/domain';
import { ProtectedFields, SqliteEventStore } from '@ledger/ledger';
import { keysDestroyedUnrecorded } from './ledger-backup.js';

/**
 * A backup copies the events, then the keys. A purge records its shred, then destroys the key: one that
 * ran between the two copies leaves a key destroyed that the copied events do not record, which the
 * backup finds (and copies both again) rather than keep.
 */
describe('keys destroyed that the copied events do not record', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'backup-shreds-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Real files: `destroyed` case keys destroyed in keys.db, the first `recorded` of them shredded in events.db. */
  async function files(destroyed: number, recorded: number): Promise<{ events: string; keys: string; keyIds: string[] }> {
    const keys = join(dir, 'keys.db');
    const fields = ProtectedFields.open({ keysFile: keys, blindIndexKeyFile: join(dir, 'blind-index.key') });
    const keyIds: string[] = [];
    try {
      for (let i = 0; i < 3; i++) keyIds.push(`c-${(await fields.newCase()).caseId}`);
      for (const keyId of keyIds.slice(0, destroyed)) fields.shredKey(keyId, new Date());
    } finally {
      fields.close();
    }
    const events = join(dir, 'events.db');
    const store = SqliteEventStore.open(events);
    try {
      const shred = (keyId: string) => ({
        id: randomUUID(),
        type: 'PatronIdentityShredded',
        data: JSON.stringify({ caseIds: [keyId.slice(2)], pseudonym: 'P-1', keyId, keyFingerprint: null, scheduleRule: 'PATRON-90', scheduleVersion: 1, occurredAt: '2026-12-08T00:00:00.000Z' }),
        metadata: '{}',
      });
      if (recorded > 0) await store.appendToStream(RETENTION_STREAM, keyIds.slice(0, recorded).map(shred));
    } finally {
      await store.close();
    }
    return { events, keys, keyIds };
  }

  it('given every destroyed key recorded, then none', async () => {
    const { events, keys } = await files(2, 2);
    expect(await keysDestroyedUnrecorded(events, keys)).toEqual([]);
  });

  it('given a key destroyed after the events were copied, then that key, and only it', async () => {
    const { events, keys, keyIds } = await files(2, 1);
    expect(await keysDestroyedUnrecorded(events, keys)).toEqual([keyIds[1]]);
  });
});

import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { readFileSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../../../../test/support/temp-dir.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { LedgerWriter } from '../integrity/ledger-writer.js';
import { verifyLedger } from '../integrity/ledger-verifier.js';
import { PatronShreddedError, ProtectedFields } from './protected-fields.js';
import { caseKeyId, keyFingerprint, patronKeyId } from './patron-key-store.js';

describe('protected patron fields', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let fields: ProtectedFields;
  const paths = () => ({ keysFile: join(temp.dir, 'keys.db'), blindIndexKeyFile: join(temp.dir, 'blind-index.key') });

  beforeEach(() => {
    temp = makeTempDir('ledger-protected-');
    fields = ProtectedFields.open(paths());
  });
  afterEach(() => {
    fields.close();
    temp.remove();
  });

  it('round-trips a patron reference and indexes it the same way every time', async () => {
    const first = await fields.protect(' 21234000567890 ');
    const second = await fields.protect('21234000567890');
    expect(first.blindIndex).toMatch(/^[0-9a-f]{64}$/);
    expect(second.blindIndex).toBe(first.blindIndex);
    expect(first.pseudonym).toBe(`P-${first.blindIndex.slice(0, 12)}`);
    expect(second.encryptedRef).not.toBe(first.encryptedRef);
    expect(fields.reveal(first.blindIndex, first.encryptedRef)).toBe('21234000567890');
    expect(fields.reveal(second.blindIndex, second.encryptedRef)).toBe('21234000567890');
  });

  it('keeps the blind-index key in the data dir, private, and stable across restarts', async () => {
    const before = (await fields.protect('CARD-1')).blindIndex;
    fields.close();
    expect(statSync(paths().blindIndexKeyFile).mode & 0o777).toBe(0o600);
    expect(statSync(paths().keysFile).mode & 0o777).toBe(0o600);
    fields = ProtectedFields.open(paths());
    expect((await fields.protect('CARD-1')).blindIndex).toBe(before);
  });

  it('binds a ciphertext to its patron: moved to another patron it does not open', async () => {
    const alice = await fields.protect('ALICE-1');
    const bob = await fields.protect('BOB-2');
    expect(fields.reveal(bob.blindIndex, alice.encryptedRef)).toBeNull();
    const [version, iv, ciphertext, tag] = alice.encryptedRef.split('.');
    // The tag's first character carries six whole bits (the last one carries padding bits too).
    const forgedTag = (tag[0] === 'A' ? 'B' : 'A') + tag.slice(1);
    expect(fields.reveal(alice.blindIndex, [version, iv, ciphertext, forgedTag].join('.'))).toBeNull();
  });

  it('makes the keys first asked for in one turn in one transaction, each durable before protect resolves', async () => {
    const refs = Array.from({ length: 40 }, (_, i) => `NEW-PATRON-${i}`);
    const [again, ...protectedRefs] = await Promise.all([fields.protect('NEW-PATRON-0'), ...refs.map((ref) => fields.protect(ref))]);
    expect(again.blindIndex).toBe(protectedRefs[0].blindIndex);
    // A second connection (another process) sees every key: they were committed before protect resolved.
    const other = ProtectedFields.open(paths());
    for (const [i, ref] of protectedRefs.entries()) expect(other.reveal(ref.blindIndex, ref.encryptedRef)).toBe(refs[i]);
    expect(fields.reveal(again.blindIndex, again.encryptedRef)).toBe('NEW-PATRON-0');
    other.close();
  });

  it("makes each new case's key ahead, durable before the case can use it: another connection opens what it encrypts before any event exists", async () => {
    const opened = await Promise.all(Array.from({ length: 3 }, () => fields.newCase()));
    expect(new Set(opened.map((newCase) => newCase.caseId)).size).toBe(3);
    const other = ProtectedFields.open(paths());
    try {
      for (const newCase of opened) {
        const ref = newCase.protect(' 21234000567890 ');
        const words = newCase.protectWords('Ann Lee', ref);
        expect(ref.blindIndex).toBe(fields.blindIndex('21234000567890'));
        expect(fields.keyIdOf(ref.blindIndex, ref.encryptedRef)).toBe(caseKeyId(newCase.caseId));
        expect(words).toMatch(new RegExp(`^v2\\.${caseKeyId(newCase.caseId)}\\.`));
        // The key is in keys.db on disk before the event that will hold these words has even been decided.
        expect(other.reveal(ref.blindIndex, ref.encryptedRef)).toBe('21234000567890');
        expect(other.reveal(ref.blindIndex, words)).toBe('Ann Lee');
        expect(other.keyRecord(caseKeyId(newCase.caseId))?.shreddedAt).toBeNull();
      }
    } finally {
      other.close();
    }
    // A shred of one case's key made ahead takes that case only.
    fields.shredKey(caseKeyId(opened[0].caseId));
    const first = opened[0].protect('CARD-9');
    expect(fields.reveal(first.blindIndex, first.encryptedRef)).toBeNull();
    const second = opened[1].protect('CARD-9');
    expect(fields.reveal(second.blindIndex, second.encryptedRef)).toBe('CARD-9');
  });

  it('makes new cases\' keys many to a keys.db commit, off the cases\' own path, and deletes those never used when it closes', async () => {
    fields.close();
    fields = ProtectedFields.open(paths(), { caseKeysPerCommit: 50, caseKeysLowWater: 20 });
    expect(fields.keyStats).toEqual({ commits: 0, keysMade: 0, caseKeysReady: 0 });

    // 120 cases opened in one turn: three commits of 50 keys, not one per case or per turn.
    const cases = await Promise.all(Array.from({ length: 120 }, () => fields.newCase()));
    expect(new Set(cases.map((newCase) => newCase.caseId)).size).toBe(120);
    expect(fields.keyStats).toMatchObject({ commits: 3, keysMade: 150 });
    // Below the low-water mark (30 left, 20 is the mark): the next 10 cases need no commit, the one after that asks for more.
    for (let i = 0; i < 10; i++) await fields.newCase();
    expect(fields.keyStats).toMatchObject({ commits: 3, caseKeysReady: 20 });
    await fields.newCase();
    await new Promise((resolve) => setImmediate(resolve));
    expect(fields.keyStats).toMatchObject({ commits: 4, keysMade: 200, caseKeysReady: 69 });

    fields.close();
    const keys = new Database(paths().keysFile, { readonly: true });
    try {
      // 131 cases took a key; the 69 made ahead and never handed out are gone.
      expect((keys.prepare('SELECT COUNT(*) AS n FROM data_keys').get() as { n: number }).n).toBe(131);
    } finally {
      keys.close();
    }
    fields = ProtectedFields.open(paths());
    expect(fields.keyRecord(caseKeyId(cases[0].caseId))?.shreddedAt).toBeNull();
  });

  it('fails the cases waiting for keys when keys.db closes under them, and hands out none of its keys', async () => {
    // keys.db's connection goes while cases wait (close writes and then deletes the keys made ahead). Failing
    // the commit from another connection (a lock held, the table moved away) did not fail it in full runs,
    // where a jest worker has run other spec files before this one: not understood, so not relied on.
    const waiting = Promise.all([fields.newCase(), fields.newCase()]);
    const closing = fields;
    closing.close();
    await expect(waiting).rejects.toThrow(/not open|closed/i);
    expect(closing.keyStats.caseKeysReady).toBe(0);
    fields = ProtectedFields.open(paths());
    const newCase = await fields.newCase();
    const ref = newCase.protect('CARD-7');
    const other = ProtectedFields.open(paths());
    try {
      expect(other.reveal(ref.blindIndex, ref.encryptedRef)).toBe('CARD-7');
    } finally {
      other.close();
    }
  });

  it('shreds one patron: unreadable, never re-keyed, others untouched, and the chain still verifies', async () => {
    const store = SqliteEventStore.open(join(temp.dir, 'events.db'));
    const writer = new LedgerWriter(store);
    const alice = await fields.protect('ALICE-REF-55501');
    const bob = await fields.protect('BOB-REF-55502');
    await writer.append('case-1', [{ type: 'DisclosureRequested', data: { patron: alice }, metadata: {} }], null);
    await writer.append('case-2', [{ type: 'DisclosureRequested', data: { patron: bob }, metadata: {} }], null);

    expect(fields.shred('ALICE-REF-55501')).toEqual({ pseudonym: alice.pseudonym, shredded: true });
    expect(fields.shred('ALICE-REF-55501').shredded).toBe(false);
    expect(fields.reveal(alice.blindIndex, alice.encryptedRef)).toBeNull();
    expect(fields.isShredded(alice.blindIndex)).toBe(true);
    await expect(fields.protect('ALICE-REF-55501')).rejects.toThrow(PatronShreddedError);
    expect(fields.reveal(bob.blindIndex, bob.encryptedRef)).toBe('BOB-REF-55502');
    await expect(verifyLedger(store)).resolves.toMatchObject({ ok: true, events: 2 });
    await store.close();

    const storedBytes = ['events.db', 'events.db-wal']
      .map((name) => join(temp.dir, name))
      .filter(existsSync)
      .map((file) => readFileSync(file).toString('latin1'))
      .join('');
    expect(storedBytes).toContain(alice.pseudonym.slice(2));
    expect(storedBytes).not.toContain('ALICE-REF-55501');
    expect(storedBytes).not.toContain('BOB-REF-55502');
  });

  it('keys each case apart: one case of a patron is shredded, the patron\'s other case still reads', async () => {
    const first = await fields.protect('CAROL-REF-1', caseKeyId('case-a'));
    const second = await fields.protect('CAROL-REF-1', caseKeyId('case-b'));
    expect(first.blindIndex).toBe(second.blindIndex);
    expect(first.encryptedRef.startsWith(`v2.${caseKeyId('case-a')}.`)).toBe(true);
    expect(fields.keyIdOf(first.blindIndex, first.encryptedRef)).toBe(caseKeyId('case-a'));

    const fingerprint = fields.shredKey(caseKeyId('case-a'), new Date('2026-01-02T00:00:00Z'));
    expect(fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(fields.shredKey(caseKeyId('case-a'))).toBeNull();
    expect(fields.reveal(first.blindIndex, first.encryptedRef)).toBeNull();
    expect(fields.reveal(second.blindIndex, second.encryptedRef)).toBe('CAROL-REF-1');
    expect(fields.keyRecord(caseKeyId('case-a'))).toEqual({ keyId: caseKeyId('case-a'), createdAt: expect.any(String), shreddedAt: '2026-01-02T00:00:00.000Z', fingerprint });
    expect(fields.keyRecord(caseKeyId('never-made'))).toBeNull();
  });

  it('binds a per-case ciphertext to its key id: relabelled to another case it does not open', async () => {
    const a = await fields.protect('DAN-REF-1', caseKeyId('case-a'));
    await fields.protect('DAN-REF-1', caseKeyId('case-b'));
    const relabelled = a.encryptedRef.replace(caseKeyId('case-a'), caseKeyId('case-b'));
    expect(fields.reveal(a.blindIndex, relabelled)).toBeNull();
    expect(fields.reveal(a.blindIndex, a.encryptedRef)).toBe('DAN-REF-1');
  });

  it('still reads the per-patron ciphertexts of the first reading beside per-case ones, and shreds them by key id', async () => {
    const old = await fields.protect('ERIN-REF-1');
    const current = await fields.protect('ERIN-REF-1', caseKeyId('case-new'));
    expect(old.encryptedRef.startsWith('v1.')).toBe(true);
    expect(fields.keyIdOf(old.blindIndex, old.encryptedRef)).toBe(patronKeyId(old.blindIndex));
    expect(fields.reveal(old.blindIndex, old.encryptedRef)).toBe('ERIN-REF-1');
    const live = fields.keyRecord(patronKeyId(old.blindIndex));
    expect(live?.shreddedAt).toBeNull();
    expect(fields.shredKey(patronKeyId(old.blindIndex))).toBe(live?.fingerprint);
    expect(fields.reveal(old.blindIndex, old.encryptedRef)).toBeNull();
    expect(fields.reveal(current.blindIndex, current.encryptedRef)).toBe('ERIN-REF-1');
  });

  it('fingerprints keys with a domain label (not the bare SHA-256 of the key)', () => {
    const key = Buffer.alloc(32, 7);
    expect(keyFingerprint(key)).toMatch(/^[0-9a-f]{32}$/);
    expect(keyFingerprint(key)).not.toBe(keyFingerprint(Buffer.alloc(32, 8)));
    expect(keyFingerprint(key)).not.toBe(createHash('sha256').update(key).digest('hex').slice(0, 32));
  });

  it("protects a patron's other words (their own name, identification details) under the case key: they open like the reference and go with its shred", async () => {
    const ref = await fields.protect('21234000567890', caseKeyId('case-w'));
    const name = await fields.protectWords('Ann Lee', ref);
    expect(name).toMatch(/^v2\.c-case-w\./);
    expect(name).not.toContain('Ann');
    expect(fields.reveal(ref.blindIndex, name)).toBe('Ann Lee');
    // Bound to the patron: the ciphertext does not open as another patron's.
    expect(fields.reveal(fields.blindIndex('OTHER-CARD'), name)).toBeNull();
    // Only under a per-case key, never the first reading's per-patron one.
    await expect(fields.protectWords('Ann Lee', await fields.protect('21234000567890'))).rejects.toThrow(/per-case/);
    fields.shredKey(caseKeyId('case-w'));
    expect(fields.reveal(ref.blindIndex, name)).toBeNull();
    await expect(fields.protectWords('Ann Lee', ref)).rejects.toBeInstanceOf(PatronShreddedError);
  });
});

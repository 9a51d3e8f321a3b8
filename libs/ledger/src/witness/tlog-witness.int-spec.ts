import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatCheckpoint } from '../log/checkpoint.js';
import { cosignaturesOf, parseCosignerKey, withSignatureLines } from '../log/cosignature.js';
import { rotationLine } from '../log/key-rotation.js';
import { hashLeaf } from '../log/merkle.js';
import { consistencyProof, MemoryStoredHashes, rootAt } from '../log/merkle-tree.js';
import { type NoteSigner, noteSigner, signNote, verifierKeyOf } from '../log/signed-note.js';
import { addCheckpointRequest, TlogWitness } from './tlog-witness.js';

const ORIGIN = 'library.example/ledger';

function grow(tree: MemoryStoredHashes, count: number, label: string): MemoryStoredHashes {
  for (let i = 0; i < count; i++) tree.append(hashLeaf(Buffer.from(`${label} ${tree.size}`)));
  return tree;
}

function checkpointOf(tree: MemoryStoredHashes, ...signers: NoteSigner[]): string {
  const text = formatCheckpoint({ origin: ORIGIN, size: tree.size, root: rootAt(tree, tree.size) });
  return withSignatureLines(signNote(text, signers[0]), signers.slice(1).map((signer) => signNote(text, signer).split('\n\n')[1]));
}

/** The witness of C2SP tlog-witness on real files: each answer the spec names, and its state and evidence on disk. */
describe('TlogWitness (C2SP tlog-witness add-checkpoint)', () => {
  let dir: string;
  const log = noteSigner(ORIGIN, generateKeyPairSync('ed25519').privateKey);
  const open = () => TlogWitness.open(dir, { name: 'witness.example/auditor', logKeys: [verifierKeyOf(log)], now: () => 1_765_100_000 });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tlog-witness-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes its verifier key on first start and cosigns a first checkpoint from old 0, then growth with a consistency proof', async () => {
    const witness = open();
    expect(readFileSync(join(dir, 'witness.vkey'), 'utf8')).toBe(`${witness.verifierKey}\n`);
    expect(witness.verifierKey).toMatch(/^witness\.example\/auditor\+[0-9a-f]{8}\+/);
    expect(Buffer.from(witness.verifierKey.split('+').slice(2).join('+'), 'base64')[0]).toBe(0x04);
    const tree = grow(new MemoryStoredHashes(), 5, 'event');
    const first = checkpointOf(tree, log);
    const answer = await witness.addCheckpoint(addCheckpointRequest(0, [], first));
    expect(answer.status).toBe(200);
    const cosigned = cosignaturesOf(withSignatureLines(first, [answer.body]), [parseCosignerKey(witness.verifierKey)]);
    expect(cosigned.valid).toEqual([expect.objectContaining({ timestamp: 1_765_100_000 })]);

    grow(tree, 6, 'event');
    const second = await witness.addCheckpoint(addCheckpointRequest(5, consistencyProof(tree, 5, 11), checkpointOf(tree, log)));
    expect(second.status).toBe(200);
    // The state survives a restart: the same key, and old 5 is now out of date.
    const again = open();
    expect(again.verifierKey).toBe(witness.verifierKey);
    const stale = await again.addCheckpoint(addCheckpointRequest(5, consistencyProof(tree, 5, 11), checkpointOf(tree, log)));
    expect([stale.status, stale.contentType, stale.body]).toEqual([409, 'text/x.tlog.size', '11\n']);
  });

  it('answers 404 for a log it does not follow, 403 without a trusted signature, 400 for a malformed body', async () => {
    const witness = open();
    const tree = grow(new MemoryStoredHashes(), 3, 'event');
    const stranger = noteSigner(ORIGIN, generateKeyPairSync('ed25519').privateKey);
    const other = noteSigner('elsewhere.example/log', generateKeyPairSync('ed25519').privateKey);
    expect((await witness.addCheckpoint(addCheckpointRequest(0, [], signNote(formatCheckpoint({ origin: other.name, size: 1, root: Buffer.alloc(32) }), other)))).status).toBe(404);
    expect((await witness.addCheckpoint(addCheckpointRequest(0, [], checkpointOf(tree, stranger)))).status).toBe(403);
    expect((await witness.addCheckpoint(`old 01\n\n${checkpointOf(tree, log)}`)).status).toBe(400);
    expect((await witness.addCheckpoint(addCheckpointRequest(4, [], checkpointOf(tree, log)))).status).toBe(400);
    expect(readdirSync(dir).filter((name) => name.startsWith('evidence-'))).toEqual([]);
  });

  it('refuses a fork with 422 (a proof that does not verify) or 409 (another root for the size it holds), keeping both signed checkpoints', async () => {
    const witness = open();
    const honest = grow(new MemoryStoredHashes(), 8, 'event');
    const held = checkpointOf(honest, log);
    expect((await witness.addCheckpoint(addCheckpointRequest(0, [], held))).status).toBe(200);

    const forked = grow(grow(new MemoryStoredHashes(), 5, 'event'), 7, 'rewritten');
    const offered = checkpointOf(forked, log);
    const refused = await witness.addCheckpoint(addCheckpointRequest(8, consistencyProof(forked, 8, 12), offered));
    expect(refused.status).toBe(422);
    const sameSize = grow(grow(new MemoryStoredHashes(), 5, 'event'), 3, 'rewritten');
    expect((await witness.addCheckpoint(addCheckpointRequest(8, [], checkpointOf(sameSize, log)))).status).toBe(409);

    const evidence = readdirSync(dir).filter((name) => name.startsWith('evidence-')).sort();
    expect(evidence).toHaveLength(2);
    const kept = evidence.map((name) => [readFileSync(join(dir, name, 'cosigned.checkpoint'), 'utf8'), readFileSync(join(dir, name, 'offered.checkpoint'), 'utf8'), readFileSync(join(dir, name, 'reason.txt'), 'utf8')]);
    expect(kept).toContainEqual([held, offered, expect.stringContaining('not consistent with the cosigned one of size 8')]);
    expect(kept).toContainEqual([held, checkpointOf(sameSize, log), expect.stringContaining('two different roots signed for size 8')]);
    // What it holds is still the honest checkpoint: the honest log goes on.
    grow(honest, 2, 'event');
    expect((await witness.addCheckpoint(addCheckpointRequest(8, consistencyProof(honest, 8, 10), checkpointOf(honest, log)))).status).toBe(200);
  });

  it('follows a key rotation signed by the old key and the new, and refuses the new key without the old one’s signature', async () => {
    const witness = open();
    const tree = grow(new MemoryStoredHashes(), 4, 'event');
    expect((await witness.addCheckpoint(addCheckpointRequest(0, [], checkpointOf(tree, log)))).status).toBe(200);
    const next = noteSigner(ORIGIN, generateKeyPairSync('ed25519').privateKey);
    grow(tree, 1, 'event');
    const rotationText = formatCheckpoint({ origin: ORIGIN, size: tree.size, root: rootAt(tree, tree.size), extensions: [rotationLine(verifierKeyOf(next))] });
    const onlyNew = signNote(rotationText, next);
    expect((await witness.addCheckpoint(addCheckpointRequest(4, consistencyProof(tree, 4, 5), onlyNew))).status).toBe(403);
    const both = withSignatureLines(signNote(rotationText, log), [signNote(rotationText, next).split('\n\n')[1]]);
    expect((await witness.addCheckpoint(addCheckpointRequest(4, consistencyProof(tree, 4, 5), both))).status).toBe(200);
    expect(witness.logs[ORIGIN].keys).toEqual([verifierKeyOf(next)]);
    grow(tree, 2, 'event');
    expect((await witness.addCheckpoint(addCheckpointRequest(5, consistencyProof(tree, 5, 7), checkpointOf(tree, log)))).status).toBe(403);
    expect((await witness.addCheckpoint(addCheckpointRequest(5, consistencyProof(tree, 5, 7), checkpointOf(tree, next)))).status).toBe(200);
  });

  it('keeps the old size and the new checkpoint atomic: of two racing requests from the same size, one gets 409', async () => {
    const witness = open();
    const tree = grow(new MemoryStoredHashes(), 2, 'event');
    expect((await witness.addCheckpoint(addCheckpointRequest(0, [], checkpointOf(tree, log)))).status).toBe(200);
    const a = grow(new MemoryStoredHashes(), 2, 'event');
    grow(a, 3, 'event');
    const b = grow(new MemoryStoredHashes(), 2, 'event');
    grow(b, 5, 'event');
    const answers = await Promise.all([
      witness.addCheckpoint(addCheckpointRequest(2, consistencyProof(b, 2, 7), checkpointOf(b, log))),
      witness.addCheckpoint(addCheckpointRequest(2, consistencyProof(a, 2, 5), checkpointOf(a, log))),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 409]);
    expect(answers[1].body).toBe('7\n');
  });
});

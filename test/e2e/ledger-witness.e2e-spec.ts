import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  consistencyProof,
  formatCheckpoint,
  encodeEntryBundle,
  hashLeaf,
  MemoryStoredHashes,
  noteSigner,
  parseTilePath,
  readHashTile,
  rootAt,
  signNote,
  verifierKeyOf,
} from '@ledger/ledger';
import { runCli } from '../support/server-process.js';
import { makeTempDir } from '../support/temp-dir.js';

/** A CLI start can take seconds on a loaded machine. */
const SLOW = 240_000;

/**
 * `ledger witness` against a log served over HTTP (here a small stand-in that serves real RFC 9162
 * proofs, C2SP tiles and real signed checkpoints of a tree the test controls): it pins the key, accepts growth
 * only with a consistency proof, exits 1 with the evidence when the log forks or the server reports
 * its integrity alarm, and 3 when it could not check.
 */
describe('ledger witness', () => {
  const temp = makeTempDir('ledger-witness-');
  const state = join(temp.dir, 'state');
  let signer = noteSigner('library.example/ledger', generateKeyPairSync('ed25519').privateKey);
  let tree = new MemoryStoredHashes();
  let health: object = { status: 'ok', integrity: { ok: true } };
  let server: Server;
  let url: string;

  /** Each tree's entries, for its C2SP entry bundles. */
  const entriesOf = new WeakMap<MemoryStoredHashes, Buffer[]>();
  const grow = (target: MemoryStoredHashes, count: number, label: string): void => {
    const entries = entriesOf.get(target) ?? entriesOf.set(target, []).get(target)!;
    for (let i = 0; i < count; i++) {
      entries.push(Buffer.from(`${label} ${target.size}`));
      target.append(hashLeaf(entries.at(-1)!));
    }
  };

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.headers.authorization !== 'Bearer auditor-token') return void response.writeHead(401).end();
      const path = new URL(request.url!, 'http://x');
      if (path.pathname === '/health') return void response.end(JSON.stringify(health));
      if (path.pathname === '/v1/ledger/public-key') return void response.end(`${verifierKeyOf(signer)}\n`);
      if (path.pathname === '/v1/ledger/key-rotations') return void response.end(JSON.stringify({ publicKey: verifierKeyOf(signer), items: [] }));
      if (path.pathname === '/v1/ledger/checkpoint') {
        return void response.end(signNote(formatCheckpoint({ origin: signer.name, size: tree.size, root: rootAt(tree, tree.size) }), signer));
      }
      if (path.pathname === '/v1/ledger/proofs/consistency') {
        const from = Number(path.searchParams.get('from'));
        const to = Number(path.searchParams.get('to'));
        return void response.end(JSON.stringify({ from, to, hashes: consistencyProof(tree, from, to).map((hash) => hash.toString('base64')) }));
      }
      const tile = path.pathname.startsWith('/v1/ledger/tile/') ? parseTilePath(path.pathname.slice('/v1/ledger/tile/'.length)) : null;
      if (tile?.entries) return void response.end(encodeEntryBundle(entriesOf.get(tree)!.slice(tile.index * 256, tile.index * 256 + tile.width)));
      const bytes = tile ? readHashTile(tree, tile) : null;
      if (bytes) return void response.end(bytes);
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    temp.remove();
  });

  const witness = () => runCli(['witness', '--url', url, '--token', 'auditor-token', '--state', state], {});

  it('pins the key at first use and keeps the first checkpoint', async () => {
    grow(tree, 5, 'event');
    const result = await witness();
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Pinned the log');
    expect(readFileSync(join(state, 'log.pub'), 'utf8').trim()).toBe(verifierKeyOf(signer));
    expect(readFileSync(join(state, 'checkpoint'), 'utf8')).toMatch(/^library\.example\/ledger\n5\n/);
  }, SLOW);

  it('accepts a log that grew, with a consistency proof', async () => {
    grow(tree, 4, 'event');
    const result = await witness();
    expect([result.code, result.stdout]).toEqual([0, expect.stringContaining('grew from 5 to 9 entries, consistently')]);
    expect(existsSync(join(state, 'checkpoints', '9.checkpoint'))).toBe(true);
  }, SLOW);

  it('exits 1 and keeps both notes and the proof when the log was rewritten (a fork)', async () => {
    const trusted = readFileSync(join(state, 'checkpoint'), 'utf8');
    const forked = new MemoryStoredHashes();
    grow(forked, 3, 'event');
    grow(forked, 9, 'rewritten');
    tree = forked;
    const result = await witness();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the checkpoint of size 12 is not consistent with the trusted one of size 9');
    const evidence = readdirSync(state).filter((name) => name.startsWith('evidence-'));
    expect(evidence).toHaveLength(1);
    const dir = join(state, evidence[0]);
    expect(readFileSync(join(dir, 'trusted.checkpoint'), 'utf8')).toBe(trusted);
    expect(readFileSync(join(dir, 'new.checkpoint'), 'utf8')).toMatch(/^library\.example\/ledger\n12\n/);
    expect(JSON.parse(readFileSync(join(dir, 'consistency-proof.json'), 'utf8'))).toMatchObject({ from: 9, to: 12 });
    // The trusted checkpoint is still the old one.
    expect(readFileSync(join(state, 'checkpoint'), 'utf8')).toBe(trusted);
  }, SLOW);

  it('with --tiles, proves the same fork from the tiles alone: they rebuild the signed root, but another tree at the size it trusted', async () => {
    const before = readdirSync(state).filter((name) => name.startsWith('evidence-')).length;
    const result = await runCli(['witness', '--tiles', '--url', url, '--token', 'auditor-token', '--state', state], {});
    expect([result.code, result.stderr]).toEqual([1, expect.stringContaining('the tiles of the checkpoint of size 12 hold another tree of 9 entries than the trusted checkpoint')]);
    expect(result.stdout).toContain('Rebuilt the tree of 12 entries from 2 tiles and entry bundles');
    expect(readdirSync(state).filter((name) => name.startsWith('evidence-'))).toHaveLength(before + 1);
  }, SLOW);

  it('exits 1 with both keys kept when the server serves another key that no rotation signed by the pinned key leads to', async () => {
    const pinned = readFileSync(join(state, 'log.pub'), 'utf8');
    const before = readdirSync(state).filter((name) => name.startsWith('evidence-')).length;
    const original = signer;
    signer = noteSigner('library.example/ledger', generateKeyPairSync('ed25519').privateKey);
    try {
      const result = await witness();
      expect([result.code, result.stderr]).toEqual([1, expect.stringContaining('no rotation signed by the pinned key leads to it')]);
      const evidence = readdirSync(state).filter((name) => name.startsWith('evidence-'));
      expect(evidence).toHaveLength(before + 1);
      expect(readFileSync(join(state, 'log.pub'), 'utf8')).toBe(pinned);
    } finally {
      signer = original;
    }
  }, SLOW);

  it('exits 3 (could not check) when the server does not answer, and keeps no evidence', async () => {
    const before = readdirSync(state).length;
    const result = await runCli(['witness', '--url', 'http://127.0.0.1:9', '--token', 'auditor-token', '--state', state], {});
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/could not check: GET \/v1\/ledger\/public-key/);
    expect(readdirSync(state)).toHaveLength(before);
  }, SLOW);

  it('exits 1 with the server’s answer kept when the server reports its integrity alarm', async () => {
    const fresh = join(temp.dir, 'fresh-state');
    health = { status: 'integrity_alarm', integrity: { ok: false, reason: 'entry 3 of the ledger is not the event the log holds there', raisedAt: '2026-12-07T10:00:00.000Z' } };
    const result = await runCli(['witness', '--url', url, '--token', 'auditor-token', '--state', fresh], {});
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the server reports its integrity alarm: entry 3 of the ledger is not the event the log holds there');
    const evidence = readdirSync(fresh).filter((name) => name.startsWith('evidence-'));
    expect(JSON.parse(readFileSync(join(fresh, evidence[0], 'health.json'), 'utf8'))).toMatchObject({ status: 'integrity_alarm' });
  }, SLOW);
});

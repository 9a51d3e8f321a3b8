/**
 * The verifiable log over `$all`, the same on every event-store adapter. Register it from an
 * adapter's spec file with a factory that gives a fresh, empty store (and a second connection to
 * the same one, as a second API instance would have):
 *
 *   ledgerLogContract('sqlite', async () => { ...; return { store, another, cleanup }; });
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { EventStore } from '../../libs/ledger/src/event-store/event-store.port.js';
import { LedgerWriter } from '../../libs/ledger/src/integrity/ledger-writer.js';
import { parseCheckpoint } from '../../libs/ledger/src/log/checkpoint.js';
import { LedgerLog } from '../../libs/ledger/src/log/ledger-log.js';
import { leafFieldsOf, leafOf } from '../../libs/ledger/src/log/log-entries.js';
import { encodeLeaf } from '../../libs/ledger/src/log/log-leaf.js';
import { decodeEntryBundle, parseTilePath, rebuildFromTiles, tilesOfTree } from '../../libs/ledger/src/log/tiles.js';
import { verifyConsistency, verifyInclusion } from '../../libs/ledger/src/log/merkle.js';
import { TreeEdge } from '../../libs/ledger/src/log/merkle-tree.js';
import { streamHeadUpdates } from '../../libs/ledger/src/log/log-store.js';
import {
  encodeStreamHead,
  mapKey,
  mapRoot,
  MemoryMapNodes,
  streamHeadsLine,
  updateMap,
  verifyMapMembership,
  verifyMapNonMembership,
} from '../../libs/ledger/src/log/stream-heads-map.js';
import { openNote, parseVerifierKey } from '../../libs/ledger/src/log/signed-note.js';
import { makeTempDir } from '../support/temp-dir.js';
import { newStream } from './event-store.contract.js';

export interface LogStoreUnderTest {
  readonly store: EventStore;
  /** A second connection to the same store. */
  readonly another: () => Promise<EventStore>;
  readonly cleanup: () => Promise<void>;
}

const b64 = (text: string): Buffer => Buffer.from(text, 'base64');

export function ledgerLogContract(name: string, factory: () => Promise<LogStoreUnderTest>): void {
  describe(`the Merkle log over $all (${name})`, () => {
    let subject: LogStoreUnderTest;
    let temp: ReturnType<typeof makeTempDir>;
    const logs: LedgerLog[] = [];

    beforeEach(async () => {
      subject = await factory();
      temp = makeTempDir('ledger-log-');
    });
    afterEach(async () => {
      for (const log of logs.splice(0)) await log.close();
      await subject.cleanup();
      temp.remove();
    });

    const openLog = (store: EventStore, dir = 'a'): LedgerLog => {
      const log = LedgerLog.open(store, {
        logFile: join(temp.dir, `${dir}-log.db`),
        signingKeyFile: join(temp.dir, 'keys', 'log-signing-key.pem'),
        origin: 'library.example/ledger',
        signDelayMs: 20,
      });
      logs.push(log);
      return log;
    };

    async function record(store: EventStore, streams: number, perStream: number): Promise<void> {
      const writer = new LedgerWriter(store);
      for (let s = 0; s < streams; s++) {
        const stream = newStream('case');
        for (let r = 0; r < perStream; r++) await writer.appendToEnd(stream, [{ type: 'ThingHappened', data: { s, r }, metadata: { by: 'contract' } }]);
      }
    }

    it('makes leaf i of the i-th event of $all, with no gaps, and the root RFC 9162 gives those leaves', async () => {
      await record(subject.store, 3, 4);
      const log = openLog(subject.store);
      await log.catchUp();

      const events = await subject.store.readAll();
      expect(log.size).toBe(events.length);
      const edge = TreeEdge.empty();
      events.forEach((event, i) => {
        expect(log.store.leafAt(i)).toMatchObject({ index: i, eventId: event.id, position: event.position, stream: event.stream });
        edge.append(leafOf(event));
      });
      // The map of stream heads, made from the events alone in one batch: its root is the checkpoint's extension line.
      const heads = new MemoryMapNodes();
      updateMap(heads, streamHeadUpdates(0, events));
      const checkpoint = parseCheckpoint(openNote(log.latestCheckpoint()!.note, parseVerifierKey(log.verifierKey)));
      expect(checkpoint).toEqual({ origin: 'library.example/ledger', size: events.length, root: edge.root(), extensions: [streamHeadsLine(mapRoot(heads))] });
    });

    it('proves each stream’s head (its last revision and leaf index) in the checkpoint’s map, and a stream it never held as absent', async () => {
      await record(subject.store, 3, 3);
      const log = openLog(subject.store);
      log.start();
      const events = await subject.store.readAll();
      const streams = [...new Set(events.map((event) => event.stream))];
      for (const stream of streams) {
        const proved = await log.checkpointWithStreamHead(stream, events.length, 10_000);
        const lastIndex = events.map((event) => event.stream).lastIndexOf(stream);
        expect(proved?.head?.head).toEqual({ revision: events[lastIndex].revision, leafIndex: lastIndex });
        const body = parseCheckpoint(openNote(proved!.checkpoint.note, parseVerifierKey(log.verifierKey)));
        const root = b64(body.extensions![0].split(' ')[1]);
        const value = encodeStreamHead(proved!.head!.head!);
        expect(verifyMapMembership(root, mapKey(stream), value, proved!.head!.proof)).toBe(true);
      }
      const absent = log.store.streamHeadProof('case-never', log.size)!;
      expect(absent.head).toBeNull();
      expect(verifyMapNonMembership(log.store.mapRoot(), mapKey('case-never'), absent.proof)).toBe(true);
    });

    it('a log.db made before the map catches its map up from the events at start, and signs the same map root a rebuild gives', async () => {
      await record(subject.store, 2, 3);
      const old = openLog(subject.store, 'old');
      await old.catchUp();
      await old.close();
      logs.splice(logs.indexOf(old), 1);
      const db = new Database(join(temp.dir, 'old-log.db'));
      db.exec("DELETE FROM log_map_nodes; DELETE FROM log_meta WHERE name = 'map_size'");
      db.close();
      await record(subject.store, 1, 2);
      const upgraded = openLog(subject.store, 'old');
      expect(upgraded.store.mapSize).toBe(0);
      await upgraded.catchUp();
      const rebuilt = openLog(subject.store, 'new');
      await rebuilt.catchUp();
      expect(upgraded.store.mapSize).toBe(upgraded.size);
      expect(upgraded.latestCheckpoint()!.note).toBe(rebuilt.latestCheckpoint()!.note);
      expect(upgraded.alarm.raised).toBeNull();
    });

    it('follows live: every acknowledged event is under a signed checkpoint soon, each consistent with the one before', async () => {
      const log = openLog(subject.store);
      log.start();
      const verifier = parseVerifierKey(log.verifierKey);
      const seen: { size: number; root: Buffer }[] = [];
      for (let round = 1; round <= 3; round++) {
        await record(subject.store, 1, round);
        const total = (await subject.store.readAll()).length;
        const checkpoint = await log.checkpointCovering(total, 10_000);
        expect(checkpoint).not.toBeNull();
        const body = parseCheckpoint(openNote(checkpoint!.note, verifier));
        expect(body.size).toBe(total);
        const previous = seen[seen.length - 1];
        if (previous) {
          const proof = log.consistencyProof(previous.size, body.size);
          expect(verifyConsistency(previous.size, body.size, previous.root, body.root, proof.hashes.map(b64))).toBe(true);
        }
        seen.push(body);
      }
      expect(log.store.checkpoints().map((kept) => kept.size)).toEqual(expect.arrayContaining(seen.map((body) => body.size)));
    });

    it('proves any event by its id against the checkpoint', async () => {
      await record(subject.store, 2, 3);
      const log = openLog(subject.store);
      await log.catchUp();
      const events = await subject.store.readAll();
      const checkpoint = parseCheckpoint(openNote(log.latestCheckpoint()!.note, parseVerifierKey(log.verifierKey)));
      for (const event of events) {
        const proof = log.eventProof(event.id)!;
        expect(proof.stream).toBe(event.stream);
        expect(b64(proof.leaf)).toEqual(leafOf(event));
        expect(verifyInclusion(proof.index, checkpoint.size, b64(proof.leaf), proof.hashes.map(b64), checkpoint.root)).toBe(true);
      }
      expect(log.eventProof('00000000-0000-4000-8000-000000000000')).toBeNull();
    });

    it('serves C2SP tiles and entry bundles (each entry what the log hashes for its event), from which the checkpoint’s root rebuilds', async () => {
      await record(subject.store, 2, 3);
      const log = openLog(subject.store);
      await log.catchUp();
      const events = await subject.store.readAll();
      const checkpoint = parseCheckpoint(openNote(log.latestCheckpoint()!.note, parseVerifierKey(log.verifierKey)));
      expect(tilesOfTree(checkpoint.size)).toEqual([{ level: 0, index: 0, width: events.length }]);
      // A prefix of the tile: the entries of the first three events only.
      expect(decodeEntryBundle((await log.entryBundle({ level: 0, index: 0, width: 3 }))!)).toEqual(events.slice(0, 3).map((event) => encodeLeaf(leafFieldsOf(event))));
      const rebuilt = await rebuildFromTiles(checkpoint.size, checkpoint.root, async (path) => {
        const tile = parseTilePath(path.slice('tile/'.length))!;
        return (tile.entries ? await log.entryBundle(tile) : log.hashTile(tile))!;
      });
      expect(rebuilt.fetched).toBe(2);
      expect(log.hashTile({ level: 0, index: 0, width: events.length + 1 })).toBeNull();
      expect(await log.entryBundle({ level: 0, index: 0, width: events.length + 1 })).toBeNull();
    });

    it('two instances on one store, sharing the key, sign byte-identical checkpoints for the same size', async () => {
      await record(subject.store, 2, 2);
      const first = openLog(subject.store, 'first');
      const second = openLog(await subject.another(), 'second');
      await first.catchUp();
      await second.catchUp();
      expect(second.latestCheckpoint()!.note).toBe(first.latestCheckpoint()!.note);
    });

    it('is rebuilt from the events alone to the same roots', async () => {
      await record(subject.store, 2, 5);
      const log = openLog(subject.store, 'old');
      await log.catchUp();
      const before = log.latestCheckpoint()!;
      const rebuilt = openLog(subject.store, 'new');
      await rebuilt.catchUp();
      expect(rebuilt.latestCheckpoint()!.note).toBe(before.note);
      expect(rebuilt.alarm.raised).toBeNull();
    });
  });
}

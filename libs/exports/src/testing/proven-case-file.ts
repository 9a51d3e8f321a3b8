import { generateKeyPairSync } from 'node:crypto';
import {
  canonicalJson,
  encodeStreamHead,
  formatCheckpoint,
  hashLink,
  inclusionProof,
  leafOf,
  mapKey,
  mapProof,
  mapRoot,
  MemoryMapNodes,
  MemoryStoredHashes,
  noteSigner,
  rootAt,
  sealMetadata,
  signNote,
  streamHeadsLine,
  updateMap,
  verifierKeyOf,
} from '@ledger/ledger';
import type { CaseFileLog, CaseFileLogEvent } from '../case-file-log.js';

const signer = noteSigner('library.example/ledger', generateKeyPairSync('ed25519').privateKey);
export const PROVEN_FILE_KEY = verifierKeyOf(signer);

/**
 * A case file's log section as the export makes it, built in memory: the case's `caseEvents`
 * events interleaved in `$all` with other streams' (`others[i]` events of other streams before the
 * case's event i, and `others[caseEvents]` after its last), a real RFC 9162 tree, a real map of
 * stream heads, and a checkpoint signed by a real key, with the map's root as its extension line
 * unless `withHeads` is false (a checkpoint signed before the log kept the map).
 */
export function provenCaseFile(
  caseId: string,
  caseEvents: number,
  others: readonly number[],
  withHeads = true,
): { caseId: string; log: CaseFileLog; foreign: CaseFileLogEvent[] } {
  const stream = `case-${caseId}`;
  const tree = new MemoryStoredHashes();
  const map = new MemoryMapNodes();
  const events: Omit<CaseFileLogEvent, 'inclusionProof'>[] = [];
  const foreign: Omit<CaseFileLogEvent, 'inclusionProof'>[] = [];
  const revisions = new Map<string, bigint>();
  const prevs = new Map<string, string | null>();
  const record = (name: string): Omit<CaseFileLogEvent, 'inclusionProof'> => {
    const revision = revisions.get(name) ?? 0n;
    const prev = prevs.get(name) ?? null;
    const data = canonicalJson({ n: Number(revision), of: name });
    const otherMetadata = canonicalJson({ actor: { userId: 'u-1', role: 'staff' } });
    const type = revision === 0n ? 'DisclosureRequested' : 'Noted';
    const hash = hashLink({ stream: name, revision, type, prev, data, otherMetadata });
    const metadata = sealMetadata(hash, prev, otherMetadata);
    const leafIndex = tree.size;
    const event = { eventId: `${name}-e${revision}`, stream: name, revision: revision.toString(), position: String(100 + leafIndex), type, data, metadata, leafIndex };
    tree.append(leafOf({ id: event.eventId, stream: name, revision, metadata }));
    updateMap(map, [{ key: mapKey(name), value: encodeStreamHead({ revision, leafIndex }) }]);
    revisions.set(name, revision + 1n);
    prevs.set(name, hash);
    return event;
  };
  for (let i = 0; i <= caseEvents; i++) {
    for (let j = 0; j < (others[i] ?? 0); j++) foreign.push(record(`case-other${j % 3}`));
    if (i < caseEvents) events.push(record(stream));
  }
  const size = tree.size;
  const root = rootAt(tree, size);
  const extensions = withHeads ? [streamHeadsLine(mapRoot(map))] : [];
  const checkpoint = signNote(formatCheckpoint({ origin: signer.name, size, root, extensions }), signer);
  const last = events[events.length - 1];
  const proven = (event: Omit<CaseFileLogEvent, 'inclusionProof'>): CaseFileLogEvent => ({
    ...event,
    inclusionProof: inclusionProof(tree, event.leafIndex, size).map((hash) => hash.toString('base64')),
  });
  return {
    caseId,
    log: {
      checkpoint,
      publicKey: PROVEN_FILE_KEY,
      origin: signer.name,
      size,
      root: root.toString('base64'),
      keyId: signer.keyId.toString('hex'),
      events: events.map(proven),
      ...(withHeads
        ? { streamHead: { stream, revision: last.revision, leafIndex: last.leafIndex, mapProof: mapProof(map, mapKey(stream)).siblings.map((hash) => hash.toString('base64')) } }
        : {}),
    },
    foreign: foreign.map(proven),
  };
}

import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommandRunner, Option } from 'nest-commander';
import {
  type NoteVerifier,
  openNote,
  openNoteWithAny,
  parseCheckpoint,
  parseVerifierKey,
  rebuildFromTiles,
  rotationKeyOf,
  TileContradictionError,
  TileUnavailableError,
  verifierKeyOf,
  verifyConsistency,
} from '@ledger/ledger';
import { CliError } from '../ledger-session.js';
import { parsePort, serveWitness, verifierKeyArgument, type WitnessServeFlags } from './witness-serve.js';

interface WitnessFlags extends WitnessServeFlags {
  url?: string;
  token?: string;
  state?: string;
  key?: string;
  tiles?: boolean;
}

/** A contradiction proven (the log inconsistent with what the witness trusted, or the server's own alarm): exit 1, evidence kept. */
const INCONSISTENT = 1;
/** The witness could not check (the server unreachable, an answer that is not one): exit 3, nothing proven either way. */
const COULD_NOT_CHECK = 3;

/**
 * `ledger witness --url URL --token TOKEN --state DIR [--key FILE]`: what an auditor runs from cron
 * on a machine of their own, over HTTP only. It pins the log's key at first use (or takes `--key`),
 * fetches the latest checkpoint, checks its signature and a consistency proof from the last
 * checkpoint it trusted, and only then keeps the new one; then it reads the server's integrity
 * alarm. Exit 0: consistent; 1: a contradiction proven (an inconsistent checkpoint, or the server's
 * alarm), with both signed notes and the proof (or the server's answer) kept in
 * `DIR/evidence-<time>/`; 3: it could not check (the server unreachable, an answer that is not one).
 * With `--tiles` it asks for no proof: it rebuilds the tree from the C2SP tiles and entry bundles
 * and holds it to the signed checkpoint and to the one it trusted (docs/integrity.md).
 */
/** Keeps `note` as the checkpoint this witness trusts (and under checkpoints/<size>). */
function keep(state: string, trustedFile: string, size: number, note: string): void {
  mkdirSync(join(state, 'checkpoints'), { recursive: true, mode: 0o700 });
  writeFileSync(join(state, 'checkpoints', `${size}.checkpoint`), note, { mode: 0o600 });
  // Replace the trusted checkpoint atomically: a crash leaves the old one or the new one, never half.
  writeFileSync(`${trustedFile}.tmp`, note, { mode: 0o600 });
  renameSync(`${trustedFile}.tmp`, trustedFile);
}

interface RotationItem {
  rotatedAt?: unknown;
  oldKey?: unknown;
  newKey?: unknown;
  note?: unknown;
}

/** The key `served`, reached from `pinned` through rotations each signed by the key before and the key after; null when none leads there. */
function followRotations(pinned: NoteVerifier, items: readonly RotationItem[], served: string): { key: NoteVerifier; notes: { rotatedAt: string; note: string }[] } | null {
  let key = pinned;
  const notes: { rotatedAt: string; note: string }[] = [];
  for (const item of items) {
    if (item.oldKey !== verifierKeyOf(key) || typeof item.newKey !== 'string' || typeof item.note !== 'string') continue;
    try {
      const next = parseVerifierKey(item.newKey);
      openNote(item.note, next);
      const body = parseCheckpoint(openNote(item.note, key));
      if (next.name !== key.name || rotationKeyOf(body.extensions) !== item.newKey) continue;
      key = next;
      notes.push({ rotatedAt: String(item.rotatedAt), note: item.note });
    } catch {
      // a rotation that does not verify leads nowhere
    }
  }
  return verifierKeyOf(key) === served ? { key, notes } : null;
}

@Command({
  name: 'witness',
  arguments: '[serve]',
  description: "Keep the log's checkpoints on this machine and check each new one is consistent with the last; `witness serve --state DIR --port N`: run a C2SP tlog-witness that cosigns them",
})
export class WitnessCommand extends CommandRunner {
  async run([mode]: string[], flags: WitnessFlags): Promise<void> {
    // One command, not a sub-command: `--state` means the witness's directory in both, and commander gives a parent's options to the parent.
    if (mode === 'serve') return serveWitness(flags);
    if (mode !== undefined) throw new CliError(`Unknown witness mode "${mode}" (only serve)`);
    const { url, token, state } = flags;
    // A log served with LEDGER_LOG_PUBLIC=true gives its checkpoint, key and tiles to anyone: --tiles needs no token then.
    if (!url || !state || (!token && !flags.tiles)) throw new CliError('witness needs --url, --token and --state (--token may be left out with --tiles, for a public log)');
    mkdirSync(state, { recursive: true, mode: 0o700 });
    const getBytes = async (path: string): Promise<Buffer> => {
      let response: Response;
      let body: Buffer;
      try {
        response = await fetch(new URL(path, url), { headers: token ? { Authorization: `Bearer ${token}` } : {} });
        body = Buffer.from(await response.arrayBuffer());
      } catch (error) {
        throw new CliError(`could not check: GET ${path}: ${(error as Error).message}${(error as { cause?: Error }).cause ? ` (${(error as { cause: Error }).cause.message})` : ''}`, COULD_NOT_CHECK);
      }
      if (!response.ok) throw new CliError(`could not check: GET ${path}: ${response.status} ${body.toString('utf8', 0, 200)}`, COULD_NOT_CHECK);
      return body;
    };
    const get = async (path: string): Promise<string> => (await getBytes(path)).toString('utf8');
    const evidence = (reason: string, files: Record<string, string | Buffer>): never => {
      const dir = join(state, `evidence-${new Date().toISOString().replace(/[:.]/g, '-')}`);
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content, { mode: 0o600 });
      writeFileSync(join(dir, 'reason.txt'), `${reason}\n`, { mode: 0o600 });
      throw new CliError(`INCONSISTENT: ${reason}. Evidence kept in ${dir}`, INCONSISTENT);
    };

    const pinnedFile = join(state, 'log.pub');
    const served = (await get('/v1/ledger/public-key')).trim();
    const pinned = flags.key ? readFileSync(flags.key, 'utf8').trim() : existsSync(pinnedFile) ? readFileSync(pinnedFile, 'utf8').trim() : null;
    let verifier: NoteVerifier;
    /** Keys pinned before a rotation this run followed: the checkpoint trusted before it was signed by one of them. */
    const previousKeys: NoteVerifier[] = [];
    try {
      verifier = parseVerifierKey(pinned ?? served);
    } catch (error) {
      throw new CliError(`could not check: not a log verifier key: ${(error as Error).message}`, COULD_NOT_CHECK);
    }
    if (pinned === null) {
      writeFileSync(pinnedFile, `${verifierKeyOf(verifier)}\n`, { mode: 0o600 });
      process.stdout.write(`Pinned the log's key ${verifierKeyOf(verifier)} (first use): compare it with the one the library publishes.\n`);
    } else if (served !== verifierKeyOf(verifier)) {
      // A rotation is followed only through checkpoints signed by the pinned key and the next one, up to the key served now.
      const rotationsText = await get('/v1/ledger/key-rotations');
      let followed: { key: NoteVerifier; notes: { rotatedAt: string; note: string }[] } | null;
      try {
        followed = followRotations(verifier, (JSON.parse(rotationsText) as { items?: RotationItem[] }).items ?? [], served);
      } catch {
        throw new CliError('could not check: GET /v1/ledger/key-rotations did not answer JSON', COULD_NOT_CHECK);
      }
      if (!followed) {
        evidence('the server now serves another key than the one pinned, and no rotation signed by the pinned key leads to it', {
          'pinned.pub': `${verifierKeyOf(verifier)}\n`,
          'served.pub': `${served}\n`,
          'key-rotations.json': rotationsText,
        });
      }
      mkdirSync(join(state, 'rotations'), { recursive: true, mode: 0o700 });
      for (const rotation of followed!.notes) writeFileSync(join(state, 'rotations', `${rotation.rotatedAt.replace(/[:.]/g, '-')}.checkpoint`), rotation.note, { mode: 0o600 });
      previousKeys.push(verifier);
      verifier = followed!.key;
      writeFileSync(`${pinnedFile}.tmp`, `${verifierKeyOf(verifier)}\n`, { mode: 0o600 });
      renameSync(`${pinnedFile}.tmp`, pinnedFile);
      process.stdout.write(`Followed the log's key rotation to ${verifierKeyOf(verifier)} (signed by the key pinned before it); pinned it.\n`);
    }

    const note = await get('/v1/ledger/checkpoint');
    let latest;
    try {
      latest = parseCheckpoint(openNote(note, verifier));
    } catch (error) {
      return evidence(`the checkpoint does not verify with the pinned key: ${(error as Error).message}`, { 'new.checkpoint': note });
    }
    if (latest.origin !== verifier.name) evidence(`the checkpoint is for log "${latest.origin}", the key for "${verifier.name}"`, { 'new.checkpoint': note });

    /**
     * --tiles: the tree of `checkpoint` rebuilt from the tiles and entry bundles alone, held to its
     * signed root (no proof asked of the server). Full tiles never change: those a run verified are
     * kept in DIR/tiles/ (once the run found nothing wrong) and read from there by later runs, as Go's
     * tlog clients keep a tile cache, so each run fetches only what is new.
     */
    const mirror = join(state, 'tiles');
    const fetchedFull = new Map<string, Buffer>();
    const treeFromTiles = async (checkpoint: { size: number; root: Buffer }, rootsAt: number[], notes: Record<string, string>) => {
      let fetched = 0;
      try {
        const rebuilt = await rebuildFromTiles(checkpoint.size, checkpoint.root, async (path) => {
          const kept = join(mirror, path);
          if (existsSync(kept)) return readFileSync(kept);
          try {
            const bytes = await getBytes(`/v1/ledger/${path}`);
            fetched++;
            if (!path.includes('.p/')) fetchedFull.set(path, bytes);
            return bytes;
          } catch (error) {
            throw new TileUnavailableError((error as Error).message);
          }
        }, { rootsAt });
        process.stdout.write(
          `Rebuilt the tree of ${checkpoint.size} entries from ${rebuilt.fetched} tiles and entry bundles (${fetched} fetched, the others kept in ${mirror}): every entry hashes to its leaf, and the root is the signed one.\n`,
        );
        return rebuilt;
      } catch (error) {
        if (error instanceof TileContradictionError) return evidence(error.message, { ...notes, ...error.evidence });
        if (error instanceof TileUnavailableError) throw new CliError(error.message.startsWith('could not check') ? error.message : `could not check: ${error.message}`, COULD_NOT_CHECK);
        throw error;
      }
    };

    const trustedFile = join(state, 'checkpoint');
    if (existsSync(trustedFile)) {
      const trustedNote = readFileSync(trustedFile, 'utf8');
      let trusted;
      try {
        trusted = parseCheckpoint(openNoteWithAny(trustedNote, [verifier, ...previousKeys]));
      } catch (error) {
        throw new CliError(
          `could not check: the checkpoint this witness trusts (${trustedFile}) does not open with key ${verifierKeyOf(verifier)}: ${(error as Error).message}. ` +
            'Was the log\'s key rotated? Run once more with the key that signed it.',
          COULD_NOT_CHECK,
        );
      }
      const both = { 'trusted.checkpoint': trustedNote, 'new.checkpoint': note };
      if (latest.size < trusted.size) evidence(`the log shrank from ${trusted.size} to ${latest.size} entries`, both);
      if (latest.size === trusted.size && !latest.root.equals(trusted.root)) evidence(`two different roots signed for size ${latest.size}`, both);
      if (flags.tiles) {
        const rebuilt = await treeFromTiles(latest, [trusted.size], both);
        const older = trusted.size === 0 ? trusted.root : rebuilt.roots.get(trusted.size);
        if (!older?.equals(trusted.root)) {
          evidence(`the tiles of the checkpoint of size ${latest.size} hold another tree of ${trusted.size} entries than the trusted checkpoint`, both);
        }
      } else if (latest.size > trusted.size) {
        const proofText = await get(`/v1/ledger/proofs/consistency?from=${trusted.size}&to=${latest.size}`);
        let proof: { hashes?: unknown };
        try {
          proof = JSON.parse(proofText) as { hashes?: unknown };
        } catch {
          throw new CliError(`could not check: the consistency proof from ${trusted.size} to ${latest.size} is not JSON`, COULD_NOT_CHECK);
        }
        const hashes = Array.isArray(proof.hashes) ? proof.hashes.map((hash) => Buffer.from(String(hash), 'base64')) : [];
        if (!verifyConsistency(trusted.size, latest.size, trusted.root, latest.root, hashes)) {
          evidence(`the checkpoint of size ${latest.size} is not consistent with the trusted one of size ${trusted.size}`, { ...both, 'consistency-proof.json': proofText });
        }
      }
      if (latest.size === trusted.size) {
        process.stdout.write(`Log ${latest.origin}: still ${latest.size} entries, same root.\n`);
      } else {
        process.stdout.write(`Log ${latest.origin}: grew from ${trusted.size} to ${latest.size} entries, consistently.\n`);
        keep(state, trustedFile, latest.size, note);
      }
    } else {
      if (flags.tiles) await treeFromTiles(latest, [], { 'new.checkpoint': note });
      process.stdout.write(`Log ${latest.origin}: first checkpoint kept, ${latest.size} entries.\n`);
      keep(state, trustedFile, latest.size, note);
    }

    // Only now, with nothing found wrong, do the full tiles this run verified join the mirror.
    for (const [path, bytes] of fetchedFull) {
      mkdirSync(join(mirror, path, '..'), { recursive: true, mode: 0o700 });
      writeFileSync(join(mirror, path), bytes, { mode: 0o600 });
    }

    // The server's own alarm: it found its events contradicting its log (a contradiction the witness cannot see from checkpoints alone).
    const healthText = await get('/health');
    let health: { status?: unknown; integrity?: { reason?: unknown; raisedAt?: unknown } };
    try {
      health = JSON.parse(healthText) as typeof health;
    } catch {
      throw new CliError('could not check: GET /health did not answer JSON', COULD_NOT_CHECK);
    }
    if (health.status === 'integrity_alarm') {
      evidence(`the server reports its integrity alarm: ${String(health.integrity?.reason)} (raised at ${String(health.integrity?.raisedAt)})`, { 'health.json': healthText, 'new.checkpoint': note });
    }
    process.stdout.write('The server reports no integrity alarm.\n');
  }

  @Option({ flags: '--url <url>', description: "the ledger's base URL, e.g. https://ledger.library.example" })
  parseUrl(value: string): string {
    return value;
  }

  @Option({ flags: '--token <token>', description: 'a bearer token (any role; the auditor’s)' })
  parseToken(value: string): string {
    return value;
  }

  @Option({ flags: '--state <dir>', description: 'where the witness keeps the pinned key and the checkpoints it trusted' })
  parseState(value: string): string {
    return value;
  }

  @Option({ flags: '--key <file>', description: "the log's verifier key, instead of pinning what the server serves at first use" })
  parseKey(value: string): string {
    return value;
  }

  @Option({ flags: '--tiles', description: 'rebuild the tree from the C2SP tiles and entry bundles alone and hold it to the signed checkpoint, instead of asking the server for a consistency proof' })
  parseTiles(): boolean {
    return true;
  }

  @Option({ flags: '--port <n>', description: 'serve: the TCP port to listen on' })
  parsePort(value: string): number {
    return parsePort(value);
  }

  @Option({ flags: '--name <name>', description: 'serve: the witness’s name in its key (first start only; default <host name>/ledger-witness)' })
  parseName(value: string): string {
    return value;
  }

  @Option({ flags: '--log-key <key>', description: 'serve: a log verifier key to follow, or a file holding one (repeatable; kept in the state)' })
  parseLogKey(value: string, previous: string[] = []): string[] {
    return [...previous, verifierKeyArgument(value)];
  }
}

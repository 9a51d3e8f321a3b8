import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { makePrivateDir } from '../config/private-files.js';
import { type Checkpoint, parseCheckpoint } from '../log/checkpoint.js';
import { cosign, cosignerKeyOf } from '../log/cosignature.js';
import { verifyConsistency } from '../log/merkle.js';
import { COSIGNATURE_V1_ED25519, NoteError, type NoteSigner, type NoteVerifier, noteSigner, openNote, parseNote, parseVerifierKey, verifierKeyOf } from '../log/signed-note.js';
import { loadOrCreateSigningKey } from '../log/signing-key.js';
import { rotationKeyOf } from '../log/key-rotation.js';

/** What a witness answers a request, as C2SP tlog-witness says. */
export interface WitnessAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/** Per log (its origin): the verifier keys it may sign with, and the latest checkpoint this witness cosigned. */
interface LogRecord {
  keys: string[];
  checkpoint: string | null;
}

interface WitnessStateFile {
  readonly version: 1;
  readonly logs: Record<string, LogRecord>;
}

export interface TlogWitnessOptions {
  /** The witness's name (its key name); default `<host name>/ledger-witness`. Kept from the first start. */
  readonly name?: string;
  /** Log verifier keys to trust (added to those the state already holds). */
  readonly logKeys?: readonly string[];
  /** POSIX seconds, for the cosignatures' timestamps. */
  readonly now?: () => number;
}

const MAX_PROOF_LINES = 63;
const STATE_FILE = 'state.json';
export const WITNESS_KEY_FILE = 'witness-key.pem';
export const WITNESS_VKEY_FILE = 'witness.vkey';

const text = (status: number, body: string, contentType = 'text/plain; charset=utf-8'): WitnessAnswer => ({ status, contentType, body: body.endsWith('\n') ? body : `${body}\n` });

/** Writes `file` whole or not at all: a temporary file, synced, renamed over it, and the directory synced. */
export function writeFileDurably(dir: string, name: string, content: string): void {
  const temporary = join(dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, join(dir, name));
  const dirFd = openSync(dir, 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}

/**
 * A C2SP tlog-witness: it cosigns (tlog-cosignature, `cosignature/v1`) a log's checkpoint only when
 * the checkpoint is signed by a key it trusts for the log's origin and extends, by a verified RFC
 * 6962 consistency proof, the latest checkpoint it cosigned for that origin. Its state is one file
 * (`state.json`, replaced atomically and synced before any answer), its key `witness-key.pem`, and
 * its verifier key `witness.vkey`. A checkpoint that contradicts the one it holds (another root for
 * the same size, a proof that does not verify) is refused, and both signed checkpoints are kept as
 * evidence in `evidence-<time>/`.
 *
 * A log rotates its key with a checkpoint that names the new key (`signing-key/v1 <verifier key>`)
 * and carries the signatures of both: the witness then trusts the new key instead of the old.
 */
export class TlogWitness {
  readonly verifierKey: string;
  private readonly signer: NoteSigner;
  private state: WitnessStateFile;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly dir: string,
    options: TlogWitnessOptions,
    private readonly now: () => number,
  ) {
    makePrivateDir(dir);
    const vkeyFile = join(dir, WITNESS_VKEY_FILE);
    const keptName = existsSync(vkeyFile) ? readFileSync(vkeyFile, 'utf8').trim().split('+')[0] : null;
    if (keptName && options.name && options.name !== keptName) throw new NoteError(`This witness is named ${keptName} (${vkeyFile}); it cannot take the name ${options.name}`);
    const key = loadOrCreateSigningKey(join(dir, WITNESS_KEY_FILE));
    this.signer = noteSigner(keptName ?? options.name ?? `${hostname()}/ledger-witness`, key.privateKey, COSIGNATURE_V1_ED25519);
    this.verifierKey = cosignerKeyOf(this.signer);
    if (!keptName) writeFileDurably(dir, WITNESS_VKEY_FILE, `${this.verifierKey}\n`);
    const stateFile = join(dir, STATE_FILE);
    this.state = existsSync(stateFile) ? (JSON.parse(readFileSync(stateFile, 'utf8')) as WitnessStateFile) : { version: 1, logs: {} };
    let changed = !existsSync(stateFile);
    for (const raw of options.logKeys ?? []) {
      const key = verifierKeyOf(parseVerifierKey(raw));
      const origin = key.split('+')[0];
      const log = (this.state.logs[origin] ??= { keys: [], checkpoint: null });
      if (!log.keys.includes(key)) {
        log.keys.push(key);
        changed = true;
      }
    }
    if (changed) this.save();
  }

  static open(dir: string, options: TlogWitnessOptions = {}): TlogWitness {
    return new TlogWitness(dir, options, options.now ?? (() => Math.floor(Date.now() / 1000)));
  }

  /** The origins this witness follows and the keys it trusts for each. */
  get logs(): Readonly<Record<string, Readonly<LogRecord>>> {
    return this.state.logs;
  }

  /** `POST /add-checkpoint`: one request at a time, so that checking the old size and keeping the new checkpoint are one step. */
  addCheckpoint(body: string): Promise<WitnessAnswer> {
    const answer = this.queue.then(() => this.add(body));
    this.queue = answer.catch(() => undefined);
    return answer;
  }

  private add(body: string): WitnessAnswer {
    const request = parseRequest(body);
    if ('status' in request) return request;
    const { oldSize, proof, note } = request;
    let checkpoint: Checkpoint;
    try {
      checkpoint = parseCheckpoint(parseNote(note).text);
    } catch (error) {
      return text(400, `Malformed checkpoint: ${(error as Error).message}`);
    }
    const log = this.state.logs[checkpoint.origin];
    if (!log) return text(404, `This witness does not follow the log ${checkpoint.origin}`);
    const signedBy = log.keys.find((key) => opens(note, parseVerifierKey(key)));
    if (!signedBy) return text(403, `The checkpoint carries no valid signature by a key this witness trusts for ${checkpoint.origin}`);
    if (oldSize > checkpoint.size) return text(400, `The old size ${oldSize} is beyond the checkpoint's size ${checkpoint.size}`);
    const held = log.checkpoint ? parseCheckpoint(parseNote(log.checkpoint).text) : null;
    const heldSize = held?.size ?? 0;
    if (oldSize !== heldSize) return text(409, `${heldSize}`, 'text/x.tlog.size');
    if (held && oldSize === checkpoint.size && !held.root.equals(checkpoint.root)) {
      const dir = this.keepEvidence(`two different roots signed for size ${checkpoint.size} of ${checkpoint.origin}`, log.checkpoint!, note, body);
      return text(409, `The checkpoint of size ${checkpoint.size} has another root than the one this witness cosigned: a fork, kept as evidence in ${dir}`);
    }
    if (oldSize === 0 && proof.length > 0) return text(422, 'A consistency proof from size 0 is empty');
    if (held && oldSize < checkpoint.size && !verifyConsistency(oldSize, checkpoint.size, held.root, checkpoint.root, proof)) {
      const dir = this.keepEvidence(`the checkpoint of size ${checkpoint.size} is not consistent with the cosigned one of size ${oldSize} of ${checkpoint.origin}`, log.checkpoint!, note, body);
      return text(422, `The consistency proof from ${oldSize} to ${checkpoint.size} does not verify: kept as evidence in ${dir}`);
    }
    const rotation = rotationKeyOf(checkpoint.extensions);
    if (rotation) {
      // The old key vouches for the new one, and the new one for itself: from here on only the new key is trusted.
      let next: NoteVerifier;
      try {
        next = parseVerifierKey(rotation);
      } catch (error) {
        return text(400, `Malformed key rotation: ${(error as Error).message}`);
      }
      if (next.name !== checkpoint.origin || !opens(note, next)) return text(403, 'A rotation checkpoint must carry a valid signature by the new key, named for the log');
      log.keys = [verifierKeyOf(next)];
    }
    log.checkpoint = note;
    this.save();
    return text(200, cosign(parseNote(note).text, this.signer, this.now()));
  }

  private save(): void {
    writeFileDurably(this.dir, STATE_FILE, `${JSON.stringify(this.state, null, 2)}\n`);
  }

  /** Keeps both signed checkpoints and the request that contradicted what this witness holds. */
  private keepEvidence(reason: string, held: string, offered: string, request: string): string {
    const dir = join(this.dir, `evidence-${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`);
    makePrivateDir(dir);
    writeFileSync(join(dir, 'cosigned.checkpoint'), held, { mode: 0o600 });
    writeFileSync(join(dir, 'offered.checkpoint'), offered, { mode: 0o600 });
    writeFileSync(join(dir, 'request.txt'), request, { mode: 0o600 });
    writeFileSync(join(dir, 'reason.txt'), `${reason}\n`, { mode: 0o600 });
    return dir;
  }
}

function opens(note: string, verifier: NoteVerifier): boolean {
  try {
    openNote(note, verifier);
    return true;
  } catch {
    return false;
  }
}

/** `old <size>\n`, up to 63 base64 hashes a line, an empty line, and the signed checkpoint. */
function parseRequest(body: string): { oldSize: number; proof: Buffer[]; note: string } | WitnessAnswer {
  const blank = body.indexOf('\n\n');
  if (blank < 0) return text(400, 'The body is `old <size>`, the consistency proof lines, an empty line and the checkpoint');
  const [oldLine, ...proofLines] = body.slice(0, blank).split('\n');
  const old = /^old (0|[1-9][0-9]*)$/.exec(oldLine ?? '');
  if (!old || !Number.isSafeInteger(Number(old[1]))) return text(400, 'The first line is `old <size>`, in decimal without leading zeroes');
  if (proofLines.length > MAX_PROOF_LINES) return text(400, `At most ${MAX_PROOF_LINES} consistency proof lines`);
  const proof = proofLines.map((line) => Buffer.from(line, 'base64'));
  if (proof.some((hash, i) => hash.length !== 32 || hash.toString('base64') !== proofLines[i])) return text(400, 'Each consistency proof line is one base64 SHA-256 hash');
  return { oldSize: Number(old[1]), proof, note: body.slice(blank + 2) };
}

/** The body of an add-checkpoint request. */
export function addCheckpointRequest(oldSize: number, proof: readonly Buffer[], note: string): string {
  return `old ${oldSize}\n${proof.map((hash) => `${hash.toString('base64')}\n`).join('')}\n${note}`;
}

import { HASH_BYTES } from './merkle.js';
import { NoteError } from './signed-note.js';

/**
 * A C2SP tlog-checkpoint body: `<origin>\n<size>\n<base64 root>\n`, optionally followed by
 * extension lines, which are part of the signed text. The log writes one, the root of its map of
 * stream heads (`stream-heads/v1 <base64 root>`, see stream-heads-map.ts): a function of the
 * events alone, so that every instance that shares the key still signs byte-identical checkpoints
 * for the same size. Checkpoints signed before the map carry none.
 */
export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly root: Buffer;
  readonly extensions?: readonly string[];
}

export function formatCheckpoint(checkpoint: Checkpoint): string {
  if (!checkpoint.origin || /[\n]/.test(checkpoint.origin)) throw new NoteError('A checkpoint origin is one non-empty line');
  if (!Number.isSafeInteger(checkpoint.size) || checkpoint.size < 0) throw new NoteError('A checkpoint size is a non-negative integer');
  if (checkpoint.root.length !== HASH_BYTES) throw new NoteError('A checkpoint root is a SHA-256 hash');
  if ((checkpoint.extensions ?? []).some((line) => line === '' || line.includes('\n'))) throw new NoteError('A checkpoint extension is one non-empty line');
  const extensions = (checkpoint.extensions ?? []).map((line) => `${line}\n`).join('');
  return `${checkpoint.origin}\n${checkpoint.size}\n${checkpoint.root.toString('base64')}\n${extensions}`;
}

/** Parses a checkpoint body (the text of a signed note). Throws NoteError when malformed. */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new NoteError('Malformed checkpoint: no final newline');
  const [origin, size, root, ...extensions] = text.slice(0, -1).split('\n');
  if (!origin || size === undefined || root === undefined) throw new NoteError('Malformed checkpoint: it needs an origin, a size and a root');
  if (!/^(0|[1-9][0-9]*)$/.test(size) || !Number.isSafeInteger(Number(size))) throw new NoteError(`Malformed checkpoint size "${size}"`);
  const rootBytes = Buffer.from(root, 'base64');
  if (rootBytes.length !== HASH_BYTES || rootBytes.toString('base64') !== root) throw new NoteError('Malformed checkpoint root');
  if (extensions.some((line) => line === '')) throw new NoteError('Malformed checkpoint: empty extension line');
  return { origin, size: Number(size), root: rootBytes, ...(extensions.length > 0 ? { extensions } : {}) };
}

import { parseCheckpoint } from './checkpoint.js';
import { type NoteVerifier, openNote, parseVerifierKey, verifierKeyOf } from './signed-note.js';

/**
 * A key rotation is a checkpoint that names the log's new verifier key in an extension line,
 * `signing-key/v1 <name>+<hex id>+<base64(0x01 ‖ key)>`, and carries the signatures of the old key
 * and the new: a witness that trusts the old key follows it to the new one, and refuses a
 * checkpoint signed by a key it was never shown this way.
 */
const ROTATION_PREFIX = 'signing-key/v1 ';

export function rotationLine(newVerifierKey: string): string {
  return `${ROTATION_PREFIX}${newVerifierKey}`;
}

/** The new verifier key a checkpoint's extension lines name, or null. */
export function rotationKeyOf(extensions: readonly string[] | undefined): string | null {
  const line = extensions?.find((extension) => extension.startsWith(ROTATION_PREFIX));
  return line ? line.slice(ROTATION_PREFIX.length) : null;
}

/**
 * The keys a log signed with, from `current` back through its rotations: an older key is trusted
 * only through a rotation that names a key already trusted and carries valid signatures by both.
 */
export function keysThroughRotations(current: NoteVerifier, rotations: readonly { readonly oldKey: string; readonly newKey: string; readonly note: string }[]): NoteVerifier[] {
  const trusted = [current];
  for (const rotation of [...rotations].reverse()) {
    if (!trusted.some((key) => verifierKeyOf(key) === rotation.newKey)) continue;
    try {
      const [older, newer] = [parseVerifierKey(rotation.oldKey), parseVerifierKey(rotation.newKey)];
      openNote(rotation.note, newer);
      if (rotationKeyOf(parseCheckpoint(openNote(rotation.note, older)).extensions) !== rotation.newKey) continue;
      trusted.push(older);
    } catch {
      // A rotation that does not verify vouches for nothing.
    }
  }
  return trusted;
}

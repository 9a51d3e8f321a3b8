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

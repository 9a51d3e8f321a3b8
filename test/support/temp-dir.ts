import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory under the OS temp dir, and its removal. */
export function makeTempDir(prefix = 'ledger-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  // A data dir's signing key is made beside it, in `<data dir>-keys`, when nothing else names its place.
  return { dir, remove: () => [dir, `${dir}-keys`].forEach((path) => rmSync(path, { recursive: true, force: true })) };
}

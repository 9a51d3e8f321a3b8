import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The ledger's files are the library's confidential records, their keys and its users' secrets: only
 * the service account may read them, whatever the umask of whoever started the process. What the
 * ledger makes it makes private (directories 0700, files 0600); what it finds open to others it
 * refuses (`sharedPermissionProblems`), unless the operator says they mean it.
 */

/** Makes `dir` (and any missing parent) with mode 0700; an existing directory is left as it is. */
export function makePrivateDir(dir: string): void {
  if (existsSync(dir)) return;
  const first = mkdirSync(dir, { recursive: true, mode: 0o700 });
  // mode is masked by the umask; chmod is not. Every directory this call made becomes 0700.
  for (let made = dir; first !== undefined; made = dirname(made)) {
    chmodSync(made, 0o700);
    if (made === first || made === dirname(made)) break;
  }
}

/**
 * Makes `file` empty with mode 0600 if it does not exist, so that SQLite, opening it next, finds it
 * there: SQLite gives the `-wal`, `-shm` and `-journal` files it makes the mode of the database file,
 * so those are private too. An existing file is left as it is.
 */
export function createPrivateFile(file: string): void {
  if (file === ':memory:' || existsSync(file)) return;
  makePrivateDir(dirname(file));
  try {
    closeSync(openSync(file, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return; // another process made it first
    throw error;
  }
  chmodSync(file, 0o600);
}

export interface SharedPermission {
  readonly path: string;
  readonly mode: number;
  /** The command that makes it private. */
  readonly fix: string;
}

/** Which of these directories and files (those that exist) someone other than their owner may read, write or enter. */
export function sharedPermissionProblems(dirs: readonly string[], files: readonly string[]): SharedPermission[] {
  const problems: SharedPermission[] = [];
  const check = (path: string, privateMode: number) => {
    if (!existsSync(path)) return;
    const mode = statSync(path).mode & 0o777;
    if ((mode & 0o077) !== 0) problems.push({ path, mode, fix: `chmod ${privateMode.toString(8)} ${path}` });
  };
  for (const dir of new Set(dirs)) check(dir, 0o700);
  for (const file of new Set(files)) check(file, 0o600);
  return problems;
}

/** One message for an operator: what is open to others, how to close it, and how to say they mean it. */
export function sharedPermissionMessage(problems: readonly SharedPermission[]): string {
  const lines = problems.map((p) => `  ${p.path} is mode ${p.mode.toString(8).padStart(4, '0')}: ${p.fix}`);
  return [
    'Others than the service account can read the ledger\'s files:',
    ...lines,
    'Make them private with the commands above, or start with --allow-shared-permissions (LEDGER_ALLOW_SHARED_PERMISSIONS=true) if that is meant.',
  ].join('\n');
}

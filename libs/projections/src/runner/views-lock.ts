import { readFileSync, rmSync, writeFileSync } from 'node:fs';

/**
 * A pid file beside `views.db` saying which process owns the views: the server while it runs, or
 * `ledger rebuild` while it rebuilds. A rebuild drops every view, so it must not run under a live
 * server (the server's runner would interleave its own batches with the replay), and a server must
 * not start in the middle of a rebuild. A lock whose process is gone is stale and taken over.
 */
export interface ViewsLockHolder {
  readonly pid: number;
  readonly owner: string;
  readonly since: string;
}

export class ViewsLockedError extends Error {
  override readonly name = 'ViewsLockedError';
  constructor(
    readonly lockFile: string,
    readonly holder: ViewsLockHolder,
  ) {
    super(`The views are in use by ${holder.owner} (pid ${holder.pid}, since ${holder.since}); see ${lockFile}`);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live holder of the lock, if any (a stale lock reads as none). */
export function viewsLockHolder(lockFile: string): ViewsLockHolder | null {
  let holder: ViewsLockHolder;
  try {
    holder = JSON.parse(readFileSync(lockFile, 'utf8')) as ViewsLockHolder;
  } catch {
    return null;
  }
  return typeof holder.pid === 'number' && alive(holder.pid) ? holder : null;
}

/** Takes the lock for this process (re-entrant within one process); throws ViewsLockedError if another live process holds it. */
export function acquireViewsLock(lockFile: string, owner: string, now = new Date()): void {
  const holder = viewsLockHolder(lockFile);
  if (holder && holder.pid !== process.pid) throw new ViewsLockedError(lockFile, holder);
  writeFileSync(lockFile, JSON.stringify({ pid: process.pid, owner, since: now.toISOString() }), { mode: 0o600 });
}

/** Releases the lock if this process holds it. */
export function releaseViewsLock(lockFile: string): void {
  const holder = viewsLockHolder(lockFile);
  if (holder && holder.pid !== process.pid) return;
  rmSync(lockFile, { force: true });
}

import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireViewsLock, releaseViewsLock, viewsLockHolder, ViewsLockedError } from './views-lock.js';

describe('views lock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'views-lock-'));
  const file = join(dir, 'views.db.lock');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is refused while another live process holds it, and names that process', () => {
    writeFileSync(file, JSON.stringify({ pid: process.ppid, owner: 'the API server', since: '2026-03-02T09:00:00.000Z' }));
    expect(() => acquireViewsLock(file, 'ledger rebuild')).toThrow(ViewsLockedError);
    expect(() => acquireViewsLock(file, 'ledger rebuild')).toThrow(`the API server (pid ${process.ppid}`);
    releaseViewsLock(file); // not ours: left alone
    expect(existsSync(file)).toBe(true);
  });

  it('takes over a stale lock, is re-entrant, and is released by its holder', () => {
    writeFileSync(file, JSON.stringify({ pid: 2 ** 22 + 7, owner: 'a crashed server', since: '2026-03-02T09:00:00.000Z' }));
    expect(viewsLockHolder(file)).toBeNull();
    acquireViewsLock(file, 'ledger rebuild');
    acquireViewsLock(file, 'ledger rebuild');
    expect(viewsLockHolder(file)).toMatchObject({ pid: process.pid, owner: 'ledger rebuild' });
    releaseViewsLock(file);
    expect(existsSync(file)).toBe(false);
  });
});

#!/usr/bin/env node
// Consistent copies of the ledger's SQLite files, safe while the server is running.
//
//   node deploy/sqlite-backup.mjs <data-dir> <backup-dir> <file.db> [<file.db> ...]
//
// Each *.db file is copied with `VACUUM INTO`: one self-contained file (no -wal/-shm) holding a
// consistent snapshot, written under a temporary name, checked, then renamed. Other files (the
// blind-index key) are copied as they are. Copies get mode 0600. A file that already exists in
// <backup-dir> is never overwritten, so give every run a fresh directory (for example one named after
// the date).
//
// Key material (keys.db, blind-index.key) is refused together with anything else: it must go to a
// separate, separately protected place, or destroying a patron key ("crypto-shredding") no longer
// works. See docs/deployment.md, "Backups".
import { chmodSync, constants, copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import Database from 'better-sqlite3';

const [dataDir, backupDir, ...files] = process.argv.slice(2);
if (!dataDir || !backupDir || files.length === 0) {
  console.error('usage: node deploy/sqlite-backup.mjs <data-dir> <backup-dir> <file.db> [<file.db> ...]');
  process.exit(2);
}
const KEY_MATERIAL = new Set(['keys.db', 'blind-index.key']);
if (files.some((f) => KEY_MATERIAL.has(f)) && !files.every((f) => KEY_MATERIAL.has(f))) {
  console.error('keys.db and blind-index.key must be backed up apart from the other files, to a different place.');
  process.exit(2);
}

try {
  mkdirSync(backupDir, { recursive: true, mode: 0o700 });
  for (const file of files) {
    if (basename(file) !== file) {
      console.error(`${file}: give a file name inside the data dir, not a path`);
      process.exit(2);
    }
    const source = resolve(dataDir, file);
    const target = resolve(backupDir, file);
    const partial = join(backupDir, `.${file}.partial`);
    if (!existsSync(source)) {
      console.error(`${source} does not exist`);
      process.exit(1);
    }
    if (existsSync(target)) {
      console.error(`${target} exists already; use a new backup directory`);
      process.exit(1);
    }
    rmSync(partial, { force: true });
    if (!file.endsWith('.db')) {
      copyFileSync(source, partial, constants.COPYFILE_EXCL);
      chmodSync(partial, 0o600);
      renameSync(partial, target);
      console.log(`${file} -> ${target}`);
      continue;
    }
    const db = new Database(source, { readonly: true, fileMustExist: true });
    try {
      db.prepare('VACUUM INTO ?').run(partial);
    } finally {
      db.close();
    }
    chmodSync(partial, 0o600);
    const copy = new Database(partial, { readonly: true });
    const check = copy.pragma('quick_check', { simple: true });
    copy.close();
    if (check !== 'ok') {
      console.error(`${file}: the copy failed its check (${check}); kept as ${partial}`);
      process.exit(1);
    }
    renameSync(partial, target);
    console.log(`${file} -> ${target}`);
  }
} catch (error) {
  console.error(`sqlite-backup: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

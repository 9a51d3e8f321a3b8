import { Command, CommandRunner, Option } from 'nest-commander';
import { backupLedger } from '@ledger/runtime';
import { loadCheckedConfig } from '../ledger-session.js';
import { type BackupDirFlags, backupDirs, reportingBackupErrors } from './backup-dirs.js';

/**
 * `ledger backup --records DIR --keys DIR`: one consistent snapshot of the ledger, safe while the
 * server runs (SQLite's online backup API), records and keys in two new directories, each with a
 * manifest of SHA-256 sums; the records' manifest names the signed checkpoint they cover.
 */
@Command({ name: 'backup', description: 'Snapshot the ledger while it runs: records and keys into two separate new directories, with manifests' })
export class BackupCommand extends CommandRunner {
  async run(_args: string[], flags: BackupDirFlags): Promise<void> {
    const dirs = backupDirs('backup', flags);
    const config = loadCheckedConfig();
    const { records, keys } = await reportingBackupErrors(() => backupLedger(config, dirs));
    if (flags.json) {
      process.stdout.write(`${JSON.stringify({ records, keys })}\n`);
      return;
    }
    const names = (files: readonly { name: string }[]) => files.map((file) => file.name).join(', ');
    process.stdout.write(`Records (${names(records.files)}) -> ${dirs.records}\n`);
    process.stdout.write(`Keys (${names(keys.files)}) -> ${dirs.keys}\n`);
    process.stdout.write(
      records.checkpoint
        ? `The records cover the log's checkpoint of size ${records.checkpoint.size} (${records.checkpoint.origin}). Keep the keys apart from the records.\n`
        : 'The events are in EventStoreDB: back it up by its own procedure (docs/deployment.md). Keep the keys apart from the records.\n',
    );
  }

  @Option({ flags: '--records <dir>', description: 'a new directory for the records (events, log, credentials)' })
  parseRecords(value: string): string {
    return value;
  }

  @Option({ flags: '--keys <dir>', description: 'a new directory, somewhere else, for the keys (patron keys, blind-index key, signing key)' })
  parseKeys(value: string): string {
    return value;
  }

  @Option({ flags: '--json', description: 'print both manifests as JSON' })
  parseJson(): boolean {
    return true;
  }
}

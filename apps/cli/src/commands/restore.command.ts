import { Command, CommandRunner, Option } from 'nest-commander';
import { restoreLedger } from '@ledger/runtime';
import { loadCheckedConfig } from '../ledger-session.js';
import { type BackupDirFlags, backupDirs, reportingBackupErrors } from './backup-dirs.js';

/**
 * `ledger restore --records DIR --keys DIR`: puts a backup back into the empty data dir and keys dir
 * the configuration names, after checking every file against its manifest and the records'
 * checkpoint against the restored signing key. Run with the server stopped, then start it.
 */
@Command({ name: 'restore', description: 'Restore a backup (records and keys) into the empty data dir and keys dir the configuration names' })
export class RestoreCommand extends CommandRunner {
  async run(_args: string[], flags: BackupDirFlags): Promise<void> {
    const dirs = backupDirs('restore', flags);
    const config = loadCheckedConfig();
    const report = await reportingBackupErrors(async () => restoreLedger(config, dirs));
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(report)}\n`);
      return;
    }
    for (const file of report.restored) process.stdout.write(`restored ${file}\n`);
    if (report.differentSnapshots) {
      process.stdout.write(
        `The keys (${report.keys.takenAt}) and the records (${report.records.takenAt}) are from different runs: ` +
          'run `ledger retention --reapply` before the server serves anyone, and expect patrons first seen after the keys backup to be unreadable.\n',
      );
    }
    const covered = report.records.checkpoint ? `, up to the log's checkpoint of size ${report.records.checkpoint.size}` : '';
    process.stdout.write(`Restored the ledger taken at ${report.records.takenAt}${covered}. Start the server (the views are rebuilt from the events), then run \`ledger verify\`.\n`);
  }

  @Option({ flags: '--records <dir>', description: 'the records backup' })
  parseRecords(value: string): string {
    return value;
  }

  @Option({ flags: '--keys <dir>', description: 'the keys backup' })
  parseKeys(value: string): string {
    return value;
  }

  @Option({ flags: '--json', description: 'print the report as JSON' })
  parseJson(): boolean {
    return true;
  }
}

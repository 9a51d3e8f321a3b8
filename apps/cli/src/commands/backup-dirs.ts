import { BackupError } from '@ledger/runtime';
import { CliError } from '../ledger-session.js';

export interface BackupDirFlags {
  records?: string;
  keys?: string;
  json?: boolean;
}

/** Both directories, or a usage error naming the command. */
export function backupDirs(command: 'backup' | 'restore', flags: BackupDirFlags): { records: string; keys: string } {
  if (!flags.records || !flags.keys) throw new CliError(`${command} needs --records <dir> and --keys <dir>: the records and the keys always go apart`);
  return { records: flags.records, keys: flags.keys };
}

/** A refused backup or restore: one line, exit 1. */
export async function reportingBackupErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BackupError) throw new CliError(error.message, 1);
    throw error;
  }
}

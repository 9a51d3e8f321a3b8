import { mkdirSync } from 'node:fs';
import type { EventStore, LedgerConfig } from '@ledger/ledger';
import { SqliteEventStore } from '@ledger/ledger';

/** Opens the configured adapter: the embedded SQLite file, or an EventStoreDB node or cluster. */
export async function openEventStore(config: LedgerConfig): Promise<EventStore> {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  if (config.store === 'eventstoredb') {
    throw new Error('The EventStoreDB adapter is not wired yet');
  }
  return SqliteEventStore.open(config.paths.events);
}

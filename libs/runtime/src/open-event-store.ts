import { mkdirSync } from 'node:fs';
import type { EventStore, LedgerConfig } from '@ledger/ledger';
import { EventStoreDbEventStore, SqliteEventStore } from '@ledger/ledger';

/** Opens the configured adapter: the embedded SQLite file, or an EventStoreDB node or cluster. */
export async function openEventStore(config: LedgerConfig): Promise<EventStore> {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  mkdirSync(config.keysDir, { recursive: true, mode: 0o700 });
  if (config.store === 'eventstoredb') {
    return new EventStoreDbEventStore(config.eventStoreConnectionString!);
  }
  return SqliteEventStore.open(config.paths.events);
}

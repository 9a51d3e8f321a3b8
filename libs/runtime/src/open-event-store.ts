import type { EventStore, LedgerConfig } from '@ledger/ledger';
import { EventStoreDbEventStore, makePrivateDir, SqliteEventStore } from '@ledger/ledger';

/** Opens the configured adapter: the embedded SQLite file, or an EventStoreDB node or cluster. */
export async function openEventStore(config: LedgerConfig): Promise<EventStore> {
  makePrivateDir(config.dataDir);
  makePrivateDir(config.keysDir);
  if (config.store === 'eventstoredb') {
    return new EventStoreDbEventStore(config.eventStoreConnectionString!);
  }
  return SqliteEventStore.open(config.paths.events);
}

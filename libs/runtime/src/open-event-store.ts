import type { EventStore, LedgerConfig } from '@ledger/ledger';
import { makePrivateDir, SqliteEventStore } from '@ledger/ledger';

/** Opens the configured adapter: the embedded SQLite file, or an EventStoreDB node or cluster. */
export async function openEventStore(config: LedgerConfig): Promise<EventStore> {
  makePrivateDir(config.dataDir);
  makePrivateDir(config.keysDir);
  if (config.store === 'eventstoredb') {
    // Imported here, not above: the EventStoreDB client (gRPC, protobuf) loads only for a ledger kept there.
    const { EventStoreDbEventStore } = await import('@ledger/ledger/eventstoredb');
    return new EventStoreDbEventStore(config.eventStoreConnectionString!);
  }
  return SqliteEventStore.open(config.paths.events);
}

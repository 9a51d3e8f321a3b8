/**
 * `@ledger/ledger/eventstoredb`: the EventStoreDB adapter, apart from the `@ledger/ledger` barrel, so that
 * only what opens an EventStoreDB loads its client (gRPC, protobuf); the SQLite ledger never does.
 */
export * from './event-store/eventstoredb/eventstoredb-event-store.js';

/** EventStoreDB protocol test server: TEST SUPPORT ONLY (see README.md). */
export { EsdbTestServer, type EsdbTestServerOptions, type DropMode, type SubscriptionRequest } from './esdb-test-server.js';
export { InMemoryLog, type InMemoryLogOptions, type StoredEvent } from './in-memory-log.js';

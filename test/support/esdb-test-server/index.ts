/** EventStoreDB protocol test server: TEST SUPPORT ONLY (see README.md). */
export {
  EsdbTestServer,
  MAX_APPEND_SIZE,
  type AppendFault,
  type ClusterMember,
  type ClusterView,
  type EsdbTestServerOptions,
  type DropMode,
  type NodeState,
  type SubscriptionRequest,
} from './esdb-test-server.js';
export { EsdbTestCluster } from './esdb-test-cluster.js';
export { InMemoryLog, type InMemoryLogOptions, type StoredEvent } from './in-memory-log.js';

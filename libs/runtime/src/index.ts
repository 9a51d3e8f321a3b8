/**
 * The ledger's composition root, shared by the API, the views worker and the CLI: how the configured
 * event store is opened, which views `views.db` holds, and where they are applied (this thread or the
 * views worker). No HTTP and no NestJS here.
 */
export * from './open-event-store.js';
export * from './private-by-default.js';
export * from './backup/ledger-backup.js';
export * from './open-ledger.js';
export * from './projections-for.js';
export * from './views/live-views.js';
export * from './views/open-live-views.js';
export * from './views/views-worker.host.js';
export * from './cases/designee-roster.js';
export * from './cases/case-command-runner.js';
export * from './cases/stream-command-runner.js';
export * from './cases/case-opening.js';
export * from './cases/actor-resolver.js';
export * from './jurisdiction-on-record.js';
export * from './patrons/patron-directory.js';
export * from './transparency/transparency-at-checkpoint.js';

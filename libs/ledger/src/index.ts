export * from './event-store/eventstoredb/eventstoredb-event-store.js';

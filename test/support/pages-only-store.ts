import type { EventStore } from '@ledger/ledger';

/** The store without its fast whole-ledger scan: what readers do with any other adapter (readAll pages). */
export function pagesOnly(store: EventStore): EventStore {
  return {
    kind: store.kind,
    appendToStream: (stream, events, options) => store.appendToStream(stream, events, options),
    readStream: (stream, options) => store.readStream(stream, options),
    readAll: (options) => store.readAll(options),
    subscribeToAll: (options) => store.subscribeToAll(options),
    headPosition: () => store.headPosition(),
    close: () => store.close(),
  };
}

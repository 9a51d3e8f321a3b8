import type { EventStore, RecordedEvent } from './event-store.port.js';

/**
 * Pages through `$all` after `afterPosition` (exclusive; absent = from the start). The port's
 * `readAll` is inclusive like EventStoreDB's, and positions are not contiguous there, so each page
 * re-reads from the last position seen and drops it.
 */
export async function* readAllPages(
  store: EventStore,
  options: { afterPosition?: bigint; pageSize?: number } = {},
): AsyncGenerator<RecordedEvent[]> {
  const pageSize = Math.max(1, options.pageSize ?? 5000);
  let last = options.afterPosition ?? null;
  for (;;) {
    const page = await store.readAll({ fromPosition: last ?? 'start', maxCount: pageSize + 1 });
    const fresh = last === null ? page : page.filter((event) => event.position > last!);
    if (fresh.length === 0) return;
    yield fresh;
    last = fresh[fresh.length - 1].position;
  }
}

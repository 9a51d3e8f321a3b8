import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTempDir } from '../../../../../test/support/temp-dir.js';
import type { ProbeAnswer } from '../../../../../test/support/range-pool-probe.worker.js';
import { LedgerWriter } from '../../integrity/ledger-writer.js';
import { SqliteEventStore } from '../sqlite/sqlite-event-store.js';
import { consecutiveRanges, inRangeOrder, type OrderedRangePoolOptions } from './ordered-range-pool.js';

/** Compiled by `npm run build:test-support`, which `npm test` runs (jest cannot load .ts in a worker thread). */
const PROBE = new URL('../../../../../dist-test/test/support/range-pool-probe.worker.js', import.meta.url);
const EVENTS = 30;

describe('the ordered range pool', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let file: string;

  beforeAll(async () => {
    if (!existsSync(fileURLToPath(PROBE))) throw new Error(`Run npm run build first: no ${PROBE.pathname}`);
    temp = makeTempDir('ledger-range-pool-');
    file = join(temp.dir, 'events.db');
    const store = SqliteEventStore.open(file);
    const writer = new LedgerWriter(store);
    for (let i = 0; i < EVENTS; i++) await writer.appendToEnd(`thing-${i % 4}`, [{ type: 'Noted', data: { i }, metadata: {} }]);
    await store.close();
  });

  afterAll(() => temp.remove());

  const options = (overrides: Partial<OrderedRangePoolOptions<ProbeAnswer>>): OrderedRangePoolOptions<ProbeAnswer> => ({
    script: PROBE,
    source: { kind: 'sqlite', file },
    workers: 3,
    ranges: consecutiveRanges(14n, 30n, 2),
    ahead: 2,
    doing: 'Probing',
    ...overrides,
  });

  async function collect(pool: AsyncIterable<ProbeAnswer>): Promise<ProbeAnswer[]> {
    const answers: ProbeAnswer[] = [];
    for await (const answer of pool) answers.push(answer);
    return answers;
  }

  it('given three workers answering out of order, when iterated, then it yields every range once, in range order', async () => {
    const answers = await collect(inRangeOrder(options({})));
    expect(answers.map(({ from, to }) => `${from}-${to}`)).toEqual(['14-15', '16-17', '18-19', '20-21', '22-23', '24-25', '26-27', '28-29', '30-30']);
    expect(answers.reduce((sum, answer) => sum + answer.events, 0)).toBe(EVENTS - 13);
    expect(new Set(answers.map((answer) => answer.threadId)).size).toBeGreaterThan(1);
  }, 60_000);

  it('given a result that ends the work, when iterated, then it yields up to that range and no further', async () => {
    const answers = await collect(inRangeOrder(options({ endsAfter: (answer) => answer.from === '20' })));
    expect(answers.map((answer) => answer.from)).toEqual(['14', '16', '18', '20']);
  }, 60_000);

  it('given a range that fails in its worker, when iterated, then the failure is thrown, named, once it is known', async () => {
    const seen: string[] = [];
    const failing = (async () => {
      for await (const answer of inRangeOrder(options({ ranges: consecutiveRanges(1n, 30n, 3) }))) seen.push(answer.from);
    })();
    await expect(failing).rejects.toThrow('Probing in a worker failed: no range may start at 13');
    // Whatever ranges before it had arrived by then came in order; none after it.
    expect(seen).toEqual(['1', '4', '7', '10'].slice(0, seen.length));
  }, 60_000);

  it('given a consumer that stops early, when it breaks off, then the workers stop and nothing more is yielded', async () => {
    const seen: string[] = [];
    for await (const answer of inRangeOrder(options({ workers: 2 }))) {
      seen.push(answer.from);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual(['14', '16']);
  }, 60_000);

  it('given a worker script that does not start, when iterated, then the failure is thrown', async () => {
    const missing = new URL('./no-such-probe.worker.js', PROBE);
    await expect(collect(inRangeOrder(options({ script: missing })))).rejects.toThrow(/no-such-probe|Cannot find module/);
  }, 60_000);

  it('cuts positions into consecutive inclusive ranges, the last one short, and refuses a size below 1', () => {
    expect(consecutiveRanges(5n, 11n, 3)).toEqual([
      [5n, 7n],
      [8n, 10n],
      [11n, 11n],
    ]);
    expect(consecutiveRanges(5n, 5n, 3)).toEqual([[5n, 5n]]);
    expect(() => consecutiveRanges(1n, 2n, 0)).toThrow(RangeError);
  });
});

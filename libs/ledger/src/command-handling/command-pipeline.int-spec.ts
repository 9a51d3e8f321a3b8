import { join } from 'node:path';
import type { Decider } from '@ledger/domain';
import { CaseStateConflict, DEFAULT_JURISDICTION, NotFound } from '@ledger/domain';
import { makeTempDir } from '../../../../test/support/temp-dir.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { LedgerWriter } from '../integrity/ledger-writer.js';
import { verifyLedger } from '../integrity/ledger-verifier.js';
import { CommandPipeline, PreconditionFailedError, WriteConflictError } from './command-pipeline.js';
import { runAsRepeatableRequest } from './command-scope.js';

type CounterEvent = { type: 'Incremented'; data: { by: number; occurredAt: string } };
type CounterCommand = { type: 'Increment'; by: number; max: number; occurredAt: string };
const counter: Decider<CounterCommand, number, CounterEvent, { bonus: number } | undefined> = {
  initialState: 0,
  evolve: (total, event) => total + event.data.by,
  decide: (command, total, context) => {
    if (total + command.by > command.max) throw new CaseStateConflict('over the maximum');
    return [{ type: 'Incremented', data: { by: command.by + (context?.bonus ?? 0), occurredAt: command.occurredAt } }];
  },
};

describe('command pipeline', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let store: SqliteEventStore;
  let pipeline: CommandPipeline;
  const meta = { actor: { userId: 'u1', role: 'staff' }, recordedAt: '2026-03-01T10:00:00.000Z' };
  const increment = (by: number, max = 1_000) => ({ type: 'Increment' as const, by, max, occurredAt: '2026-03-01T09:00:00.000Z' });

  beforeEach(() => {
    temp = makeTempDir('ledger-pipeline-');
    store = SqliteEventStore.open(join(temp.dir, 'events.db'));
    pipeline = new CommandPipeline(store, new LedgerWriter(store));
  });
  afterEach(async () => {
    await store.close();
    temp.remove();
  });

  it('loads, decides with the context, appends, and returns revision, position and the new state', async () => {
    const first = await pipeline.execute({ stream: 'counter-1', decider: counter, command: increment(2), meta, context: () => ({ bonus: 1 }) });
    expect(first).toMatchObject({ revision: 0n, state: 3 });
    const second = await pipeline.execute({ stream: 'counter-1', decider: counter, command: increment(4), meta });
    expect(second.revision).toBe(1n);
    expect(second.position).toBeGreaterThan(first.position);
    expect((await pipeline.load('counter-1', counter)).state).toBe(7);
  });

  describe('a request sent again after an append of unknown outcome', () => {
    const send = (requestId: string, by: number) =>
      runAsRepeatableRequest(requestId, async () => ({
        counted: await pipeline.execute({ stream: 'counter-1', decider: counter, command: increment(by), meta }),
        created: await pipeline.execute({ stream: 'counter-2', decider: counter, command: increment(by), meta, expect: 'new' }),
      }));

    it('is answered from the events its first sending wrote, deciding and writing nothing again', async () => {
      await pipeline.execute({ stream: 'counter-1', decider: counter, command: increment(1), meta });
      const first = await send('request-a', 2);
      await pipeline.execute({ stream: 'counter-1', decider: counter, command: increment(10), meta }); // someone else, after

      const again = await send('request-a', 2);

      expect(again.counted).toMatchObject({ revision: first.counted.revision, position: first.counted.position, events: first.counted.events });
      expect(again.created).toMatchObject({ revision: 0n, position: first.created.position, events: first.created.events });
      expect((await store.readStream('counter-1')).map((event) => JSON.parse(event.data).by)).toEqual([1, 2, 10]);
      expect(await store.readStream('counter-2')).toHaveLength(1);
    });

    it('under another request id (or none) is a new command', async () => {
      await send('request-a', 2);
      await runAsRepeatableRequest('request-b', () => pipeline.execute({ stream: 'counter-1', decider: counter, command: increment(2), meta }));
      await pipeline.execute({ stream: 'counter-1', decider: counter, command: increment(2), meta });
      expect(await store.readStream('counter-1')).toHaveLength(3);
    });

    it('gives each command on one stream within a request its own id, so the second is not taken for the first', async () => {
      await runAsRepeatableRequest('request-c', async () => {
        await pipeline.execute({ stream: 'counter-1', decider: counter, command: increment(1), meta });
        await pipeline.execute({ stream: 'counter-1', decider: counter, command: increment(1), meta });
      });
      expect(await store.readStream('counter-1')).toHaveLength(2);
    });
  });

  it('refresh folds only what was appended after the loaded head, and returns the same load when nothing was', async () => {
    await pipeline.execute({ stream: 'counter-1', decider: counter, command: increment(2), meta });
    const loaded = await pipeline.load('counter-1', counter);
    expect(await pipeline.refresh('counter-1', counter, loaded)).toBe(loaded);
    await pipeline.execute({ stream: 'counter-1', decider: counter, command: increment(5), meta });
    await pipeline.execute({ stream: 'counter-1', decider: counter, command: increment(1), meta });
    const refreshed = await pipeline.refresh('counter-1', counter, loaded);
    expect(refreshed.state).toBe(8);
    expect(refreshed.head?.revision).toBe(2n);
    expect(refreshed.head).toEqual((await pipeline.load('counter-1', counter)).head);
  });

  it('does not read a stream that must be new: an existing one is a write conflict and nothing is written', async () => {
    await pipeline.execute({ stream: 'counter-1', decider: counter, command: increment(2), meta });
    await expect(pipeline.execute({ stream: 'counter-1', decider: counter, command: increment(1), meta, expect: 'new' })).rejects.toThrow(WriteConflictError);
    expect(await store.readStream('counter-1')).toHaveLength(1);
  });

  it('writes the acting user, occurredAt, recordedAt and policy version into every event', async () => {
    await pipeline.execute({ stream: 'counter-1', decider: counter, command: increment(1), meta });
    const [event] = await store.readStream('counter-1');
    expect(JSON.parse(event.metadata)).toMatchObject({
      actor: { userId: 'u1', role: 'staff' },
      occurredAt: '2026-03-01T09:00:00.000Z',
      recordedAt: '2026-03-01T10:00:00.000Z',
      policyVersion: DEFAULT_JURISDICTION.policyVersion,
      jurisdiction: 'us-ct',
    });
  });

  it('lets the decider refuse and then writes nothing', async () => {
    await expect(pipeline.execute({ stream: 'counter-1', decider: counter, command: increment(5, 3), meta })).rejects.toThrow(CaseStateConflict);
    expect(await store.readStream('counter-1')).toEqual([]);
  });

  it('answers 404-style NotFound for a stream that must exist, and refuses to create one twice', async () => {
    await expect(pipeline.execute({ stream: 'counter-9', decider: counter, command: increment(1), meta, expect: 'existing' })).rejects.toThrow(NotFound);
    await pipeline.execute({ stream: 'counter-9', decider: counter, command: increment(1), meta, expect: 'new' });
    await expect(pipeline.execute({ stream: 'counter-9', decider: counter, command: increment(1), meta, expect: 'new' })).rejects.toThrow(WriteConflictError);
  });

  it('honours If-Match: a stale revision is a precondition failure', async () => {
    await pipeline.execute({ stream: 'counter-1', decider: counter, command: increment(1), meta });
    await pipeline.execute({ stream: 'counter-1', decider: counter, command: increment(1), meta, ifMatch: 0n });
    await expect(pipeline.execute({ stream: 'counter-1', decider: counter, command: increment(1), meta, ifMatch: 0n })).rejects.toThrow(PreconditionFailedError);
  });

  it('re-reads and decides again when concurrent commands race, so every one lands and the chain holds', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => pipeline.execute({ stream: 'counter-1', decider: counter, command: increment(1), meta })),
    );
    const landed = results.filter((r) => r.status === 'fulfilled').length;
    // Each command either landed or gave up with a WriteConflictError after its bounded retries.
    for (const result of results) if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(WriteConflictError);
    expect(landed).toBeGreaterThan(1);
    expect((await pipeline.load('counter-1', counter)).state).toBe(landed);
    expect((await store.readStream('counter-1')).length).toBe(landed);
    await expect(verifyLedger(store)).resolves.toMatchObject({ ok: true });
  });

  it('re-applies the policy on retry: a limit reached by a concurrent command is enforced', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => pipeline.execute({ stream: 'counter-2', decider: counter, command: increment(1, 3), meta })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect((await pipeline.load('counter-2', counter)).state).toBe(3);
  });
});

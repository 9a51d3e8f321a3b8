/**
 * The behaviour every EventStore adapter must share. Register it from an adapter's spec file:
 *
 *   eventStoreContract('sqlite', async () => { const store = ...; return { store, cleanup: () => store.close() }; });
 *
 * Written to run unchanged against a shared, long-lived EventStoreDB server as well:
 * - every test writes to its own streams (random UUIDs) and looks at `$all` only through them;
 * - the store is not assumed empty, nor positions to start at 0 or to be contiguous;
 * - one store per registration serves all tests, except the `close()` tests, which make their own.
 *
 * Decisions the port leaves open and this suite pins down (EventStoreDB-like):
 * - an append of zero events runs the expected-revision check and writes nothing; it returns the
 *   stream's current last revision and that event's position, or -1n for both when the stream is missing;
 * - reading forwards from 'end' returns nothing, backwards from 'start' returns revision 0 only;
 * - aborting a subscription (or closing the store) ends the `for await` loop without an error.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import {
  EventStoreUnavailableError,
  WrongExpectedVersionError,
  type ActualRevision,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type RecordedEvent,
} from '../../libs/ledger/src/event-store/event-store.port.js';
import { decodeRecorded } from '../../libs/ledger/src/event-store/decode.js';
import { LedgerWriter } from '../../libs/ledger/src/integrity/ledger-writer.js';
import { eventSchema, EventSchemas, LEDGER_EVENT_SCHEMAS } from '../../libs/domain/src/index.js';

export interface EventStoreUnderTest {
  readonly store: EventStore;
  /** Closes the store and removes whatever the factory created. Must tolerate an already-closed store. */
  readonly cleanup: () => Promise<void>;
}

export type EventStoreFactory = () => Promise<EventStoreUnderTest>;

/** How long a subscription may go without reaching what a test waits for before the test fails. */
const SUBSCRIPTION_GUARD_MS = 10_000;
/** Gives a fresh subscription time to finish catching up, so the events appended next arrive live. */
const SETTLE_MS = 50;

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function newStream(category = 'contract'): string {
  return `${category}-${randomUUID()}`;
}

export function anEvent(type = 'ThingHappened', data: unknown = { at: 'contract' }): EventToAppend & { id: string } {
  return { id: randomUUID(), type, data: JSON.stringify(data), metadata: '{"source":"contract"}' };
}

function someEvents(count: number, type = 'ThingHappened'): (EventToAppend & { id: string })[] {
  return Array.from({ length: count }, (_, n) => anEvent(type, { n }));
}

function afterPosition(position: bigint | null): { fromPosition?: bigint } {
  return position === null ? {} : { fromPosition: position };
}

/** The rejection reason; fails the test when the promise resolves instead. */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`Expected a rejection, got ${String(value)}`);
    },
    (error: unknown) => error,
  );
}

async function expectWrongExpectedVersion(
  promise: Promise<unknown>,
  stream: string,
  expected: ExpectedRevision,
  actual: ActualRevision,
): Promise<void> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(WrongExpectedVersionError);
  expect(error).toMatchObject({ name: 'WrongExpectedVersionError', stream, expected, actual });
}

/** Every event after `after` (exclusive; null = from the start), paging through `readAll`. */
async function readAllAfter(store: EventStore, after: bigint | null): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  let last = after;
  for (;;) {
    const page = await store.readAll({ fromPosition: last ?? 'start', maxCount: 500 });
    const fresh = last === null ? page : page.filter((event) => event.position > last!);
    if (fresh.length === 0) return out;
    out.push(...fresh);
    last = fresh[fresh.length - 1].position;
  }
}

interface Collected {
  /** Every event delivered, ours or not. */
  readonly all: RecordedEvent[];
  /** The events `keep` accepted. */
  readonly kept: RecordedEvent[];
}

/**
 * Iterates a subscription until `done(kept)` holds, then breaks out. Fails (rather than hanging the
 * suite) when the subscription stalls for SUBSCRIPTION_GUARD_MS.
 */
async function collectUntil(
  subscribe: (signal: AbortSignal) => AsyncIterable<RecordedEvent>,
  keep: (event: RecordedEvent) => boolean,
  done: (kept: readonly RecordedEvent[]) => boolean,
  guardMs = SUBSCRIPTION_GUARD_MS,
): Promise<Collected> {
  const controller = new AbortController();
  let stalled = false;
  const guard = setTimeout(() => {
    stalled = true;
    controller.abort();
  }, guardMs);
  const all: RecordedEvent[] = [];
  const kept: RecordedEvent[] = [];
  try {
    for await (const event of subscribe(controller.signal)) {
      // Checked here, not only at the end: a store that re-delivers an event can loop forever.
      const previous = all[all.length - 1];
      if (previous && !(event.position > previous.position)) {
        throw new Error(`Subscription delivered position ${event.position} after ${previous.position}`);
      }
      all.push(event);
      if (keep(event)) kept.push(event);
      if (done(kept)) break;
    }
  } finally {
    clearTimeout(guard);
  }
  if (stalled) throw new Error(`Subscription stalled after ${kept.length} matching events (${all.length} in all)`);
  return { all, kept };
}

/** Resolves with the loop's outcome, or rejects if the loop has not ended within the guard. */
async function endsWithin<T>(loop: Promise<T>, what: string, guardMs = SUBSCRIPTION_GUARD_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not end`)), guardMs);
  });
  try {
    return await Promise.race([loop, stalled]);
  } finally {
    clearTimeout(timer);
  }
}

const ids = (events: readonly { readonly id?: string }[]) => events.map((event) => event.id);
const revisions = (events: readonly RecordedEvent[]) => events.map((event) => event.revision);
const positions = (events: readonly RecordedEvent[]) => events.map((event) => event.position);

function expectStrictlyIncreasing(values: readonly bigint[]): void {
  for (let i = 1; i < values.length; i++) {
    if (!(values[i] > values[i - 1])) {
      throw new Error(`Not strictly increasing at index ${i}: ${values[i - 1]} then ${values[i]}`);
    }
  }
}

export function eventStoreContract(name: string, factory: EventStoreFactory): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    let cleanup: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      ({ store, cleanup } = await factory());
    });

    afterAll(async () => {
      await cleanup?.();
    });

    describe('appendToStream: expected revision', () => {
      it("'no_stream' creates the stream, numbering revisions from 0", async () => {
        const stream = newStream();
        const events = someEvents(3);

        const result = await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });

        const read = await store.readStream(stream);
        expect(ids(read)).toEqual(ids(events));
        expect(revisions(read)).toEqual([0n, 1n, 2n]);
        expect(result).toEqual({ nextExpectedRevision: 2n, position: read[2].position });
      });

      it("'no_stream' is rejected once the stream has events, and writes nothing", async () => {
        const stream = newStream();
        await store.appendToStream(stream, someEvents(2), { expectedRevision: 'no_stream' });

        await expectWrongExpectedVersion(
          store.appendToStream(stream, [anEvent()], { expectedRevision: 'no_stream' }),
          stream,
          'no_stream',
          1n,
        );
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it("'stream_exists' appends after the last event of an existing stream", async () => {
        const stream = newStream();
        await store.appendToStream(stream, someEvents(2));

        const result = await store.appendToStream(stream, [anEvent()], { expectedRevision: 'stream_exists' });

        expect(result.nextExpectedRevision).toBe(2n);
        expect(revisions(await store.readStream(stream))).toEqual([0n, 1n, 2n]);
      });

      it("'stream_exists' is rejected for a missing stream with actual 'no_stream', and writes nothing", async () => {
        const stream = newStream();

        await expectWrongExpectedVersion(
          store.appendToStream(stream, [anEvent()], { expectedRevision: 'stream_exists' }),
          stream,
          'stream_exists',
          'no_stream',
        );
        expect(await store.readStream(stream)).toEqual([]);
      });

      it("'any' appends whether or not the stream exists", async () => {
        const stream = newStream();

        const first = await store.appendToStream(stream, [anEvent()], { expectedRevision: 'any' });
        const second = await store.appendToStream(stream, someEvents(2), { expectedRevision: 'any' });

        expect(first.nextExpectedRevision).toBe(0n);
        expect(second.nextExpectedRevision).toBe(2n);
      });

      it("no expectedRevision behaves as 'any'", async () => {
        const stream = newStream();

        const first = await store.appendToStream(stream, [anEvent()]);
        const second = await store.appendToStream(stream, [anEvent()], {});

        expect([first.nextExpectedRevision, second.nextExpectedRevision]).toEqual([0n, 1n]);
      });

      it('an exact revision appends when it equals the revision of the last event', async () => {
        const stream = newStream();
        const { nextExpectedRevision } = await store.appendToStream(stream, someEvents(3));

        const result = await store.appendToStream(stream, [anEvent()], { expectedRevision: nextExpectedRevision });

        expect(nextExpectedRevision).toBe(2n);
        expect(result.nextExpectedRevision).toBe(3n);
      });

      it('an exact revision behind the last event is rejected with the actual revision, and writes nothing', async () => {
        const stream = newStream();
        await store.appendToStream(stream, someEvents(3));

        await expectWrongExpectedVersion(
          store.appendToStream(stream, [anEvent()], { expectedRevision: 0n }),
          stream,
          0n,
          2n,
        );
        expect(await store.readStream(stream)).toHaveLength(3);
      });

      it('an exact revision ahead of the last event is rejected with the actual revision', async () => {
        const stream = newStream();
        await store.appendToStream(stream, someEvents(3));

        await expectWrongExpectedVersion(
          store.appendToStream(stream, [anEvent()], { expectedRevision: 5n }),
          stream,
          5n,
          2n,
        );
        expect(await store.readStream(stream)).toHaveLength(3);
      });

      it("an exact revision on a missing stream is rejected with actual 'no_stream'", async () => {
        const stream = newStream();

        await expectWrongExpectedVersion(
          store.appendToStream(stream, [anEvent()], { expectedRevision: 0n }),
          stream,
          0n,
          'no_stream',
        );
        expect(await store.readStream(stream)).toEqual([]);
      });

      it('nextExpectedRevision chains: each result is the expected revision of the next append', async () => {
        const stream = newStream();
        let expected: ExpectedRevision = 'no_stream';
        for (let i = 0; i < 4; i++) {
          ({ nextExpectedRevision: expected } = await store.appendToStream(stream, someEvents(2), {
            expectedRevision: expected,
          }));
        }
        expect(expected).toBe(7n);
        expect(revisions(await store.readStream(stream))).toEqual([0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n]);
      });
    });

    describe('appendToStream: zero events', () => {
      it("to a missing stream with 'no_stream' or 'any' writes nothing and reports -1n", async () => {
        const stream = newStream();

        const withNoStream = await store.appendToStream(stream, [], { expectedRevision: 'no_stream' });
        const withAny = await store.appendToStream(stream, [], { expectedRevision: 'any' });

        expect(withNoStream).toEqual({ nextExpectedRevision: -1n, position: -1n });
        expect(withAny).toEqual({ nextExpectedRevision: -1n, position: -1n });
        expect(await store.readStream(stream)).toEqual([]);
        // Still missing: a real first append must still pass 'no_stream'.
        await expect(store.appendToStream(stream, [anEvent()], { expectedRevision: 'no_stream' })).resolves.toMatchObject(
          { nextExpectedRevision: 0n },
        );
      });

      it('to an existing stream reports its last revision and that event’s position, writing nothing', async () => {
        const stream = newStream();
        await store.appendToStream(stream, someEvents(2));
        const [last] = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
        const expectedResult: AppendResult = { nextExpectedRevision: 1n, position: last.position };

        for (const expectedRevision of ['any', 'stream_exists', 1n] as const) {
          await expect(store.appendToStream(stream, [], { expectedRevision })).resolves.toEqual(expectedResult);
        }
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it("is still checked: 'stream_exists' on a missing stream is rejected", async () => {
        const stream = newStream();
        await expectWrongExpectedVersion(
          store.appendToStream(stream, [], { expectedRevision: 'stream_exists' }),
          stream,
          'stream_exists',
          'no_stream',
        );
      });

      it("is still checked: 'no_stream' on an existing stream is rejected", async () => {
        const stream = newStream();
        await store.appendToStream(stream, [anEvent()]);
        await expectWrongExpectedVersion(
          store.appendToStream(stream, [], { expectedRevision: 'no_stream' }),
          stream,
          'no_stream',
          0n,
        );
      });

      it('is still checked: a wrong exact revision is rejected', async () => {
        const stream = newStream();
        await store.appendToStream(stream, someEvents(2));
        await expectWrongExpectedVersion(store.appendToStream(stream, [], { expectedRevision: 0n }), stream, 0n, 1n);
        await expect(store.readStream(stream)).resolves.toHaveLength(2);
      });
    });

    describe('recorded events', () => {
      // Valid JSON that any parse/stringify round trip would change: key order, spacing, escapes,
      // number spellings, raw and escaped unicode, a raw U+2028.
      const data =
        '{"zeta":1, "alpha" : "é — ünïcödé 🧾 \\u00e9 \\ud83e\\uddfe",\n\t"nested":{ "b":[1.0,1e2,-0,12345678901234567890] ,"a":null },' +
        '"rtl":"שלום עולם","combining":"e\u0301","separator":"\u2028","quote":"\\"\\/"}';
      const metadata = '  {"z":true,   "a":[ ],"tab":"\\t"}\n';

      it('uses sample JSON that re-serialisation would change (so the round-trip tests can fail)', () => {
        expect(JSON.stringify(JSON.parse(data))).not.toBe(data);
        expect(JSON.stringify(JSON.parse(metadata))).not.toBe(metadata);
      });

      it('returns data and metadata byte for byte from readStream, readAll and subscribeToAll', async () => {
        const stream = newStream();
        const id = randomUUID();
        const before = await store.headPosition();
        const { position } = await store.appendToStream(stream, [{ id, type: 'Tricky', data, metadata }]);

        const [fromStream] = await store.readStream(stream);
        const [fromAll] = await store.readAll({ fromPosition: position, maxCount: 1 });
        const { kept } = await collectUntil(
          (signal) => store.subscribeToAll({ ...afterPosition(before), signal }),
          (event) => event.id === id,
          (kept) => kept.length === 1,
        );

        for (const event of [fromStream, fromAll, kept[0]]) {
          expect(event).toBeDefined();
          expect(Buffer.from(event.data, 'utf8').equals(Buffer.from(data, 'utf8'))).toBe(true);
          expect(Buffer.from(event.metadata, 'utf8').equals(Buffer.from(metadata, 'utf8'))).toBe(true);
          expect(event.data).toBe(data);
          expect(event.metadata).toBe(metadata);
        }
      });

      it('carries id, stream, type, bigint revision and position, and a valid recordedAt', async () => {
        const stream = newStream();
        const event = anEvent('CaseOpened', { caseId: 'c-1' });
        const { position } = await store.appendToStream(stream, [event]);

        const [recorded] = await store.readStream(stream);

        expect(recorded).toMatchObject({ id: event.id, stream, type: 'CaseOpened', revision: 0n, position });
        expect(typeof recorded.revision).toBe('bigint');
        expect(typeof recorded.position).toBe('bigint');
        expect(recorded.recordedAt).toBeInstanceOf(Date);
        expect(Number.isNaN(recorded.recordedAt.getTime())).toBe(false);
      });

      it('are read back through decodeRecorded in the current shape, upcast with their stored metadata', async () => {
        // `Counted` stored a number as text; `Counted.v2` holds the number and the role that counted it.
        const schemas = new EventSchemas([
          eventSchema({
            stream: 'contract',
            version: 2,
            types: ['Counted.v2'],
            upcasters: { Counted: ({ data }, metadata) => ({ type: 'Counted.v2', data: { n: Number((data as { n: string }).n), by: metadata.actor?.role } }) },
          }),
        ]);
        const stream = newStream();
        const before = await store.headPosition();
        const old = { id: randomUUID(), type: 'Counted', data: '{"n":"7"}', metadata: '{"actor":{"role":"auditor","userId":"u-7"},"policyVersion":"2024-07-10"}' };
        await store.appendToStream(stream, [old, anEvent('Counted.v2', { n: 8, by: 'staff' })]);

        const [fromStream] = await store.readStream(stream);
        const [fromAll] = await store.readAll({ fromPosition: fromStream.position, maxCount: 1 });
        const { kept } = await collectUntil(
          (signal) => store.subscribeToAll({ ...afterPosition(before), signal }),
          (event) => event.stream === stream,
          (kept) => kept.length === 2,
        );
        for (const recorded of [fromStream, fromAll, kept[0]]) {
          expect(recorded.data).toBe(old.data);
          const decoded = decodeRecorded(recorded, schemas);
          expect(decoded.event).toEqual({ type: 'Counted.v2', data: { n: 7, by: 'auditor' } });
          expect(decoded.metadata.policyVersion).toBe('2024-07-10');
        }
        expect(decodeRecorded(kept[1], schemas).event).toEqual({ type: 'Counted.v2', data: { n: 8, by: 'staff' } });

        // The ledger writer stamps each event with its stream schema's version, which decodeRecorded reads back.
        const caseStream = newStream('case');
        await new LedgerWriter(store).append(caseStream, [{ type: 'CaseClosed', data: { caseId: 'c-1' }, metadata: { policyVersion: '2024-07-10.3' } }], null);
        const [written] = await store.readStream(caseStream);
        expect(decodeRecorded(written).metadata).toMatchObject({ schemaVersion: LEDGER_EVENT_SCHEMAS.schemaOf('CaseClosed')!.version, policyVersion: '2024-07-10.3' });
      });

      it('generates a distinct UUID for each event appended without an id', async () => {
        const stream = newStream();
        await store.appendToStream(stream, [
          { type: 'NoId', data: '{}', metadata: '{}' },
          { type: 'NoId', data: '{}', metadata: '{}' },
        ]);

        const read = await store.readStream(stream);

        expect(read).toHaveLength(2);
        for (const event of read) expect(event.id).toMatch(UUID_PATTERN);
        expect(read[0].id).not.toBe(read[1].id);
      });
    });

    describe('readStream', () => {
      const stream = newStream('read');
      let written: RecordedEvent[];

      beforeAll(async () => {
        await store.appendToStream(stream, someEvents(5), { expectedRevision: 'no_stream' });
        written = await store.readStream(stream);
      });

      it('reads a whole stream forwards by default, in revision order, with increasing positions', () => {
        expect(revisions(written)).toEqual([0n, 1n, 2n, 3n, 4n]);
        expect(written.every((event) => event.stream === stream)).toBe(true);
        expect(written.map((event) => JSON.parse(event.data).n)).toEqual([0, 1, 2, 3, 4]);
        expectStrictlyIncreasing(positions(written));
      });

      it('reads forwards from a revision, inclusive', async () => {
        const read = await store.readStream(stream, { fromRevision: 2n, direction: 'forwards' });
        expect(revisions(read)).toEqual([2n, 3n, 4n]);
        expect(ids(read)).toEqual(ids(written.slice(2)));
      });

      it('reads forwards at most maxCount events', async () => {
        expect(revisions(await store.readStream(stream, { fromRevision: 1n, maxCount: 2 }))).toEqual([1n, 2n]);
        expect(revisions(await store.readStream(stream, { fromRevision: 'start', maxCount: 1 }))).toEqual([0n]);
        expect(await store.readStream(stream, { maxCount: 100 })).toHaveLength(5);
      });

      it('reads nothing forwards from past the last revision, or from the end', async () => {
        expect(await store.readStream(stream, { fromRevision: 5n })).toEqual([]);
        expect(await store.readStream(stream, { fromRevision: 'end', direction: 'forwards' })).toEqual([]);
      });

      it('reads backwards from the end by default', async () => {
        const read = await store.readStream(stream, { direction: 'backwards' });
        expect(revisions(read)).toEqual([4n, 3n, 2n, 1n, 0n]);
        expect(ids(read)).toEqual(ids(written).reverse());
      });

      it('reads backwards from a revision, inclusive, at most maxCount events', async () => {
        expect(revisions(await store.readStream(stream, { direction: 'backwards', fromRevision: 2n }))).toEqual([
          2n,
          1n,
          0n,
        ]);
        expect(
          revisions(await store.readStream(stream, { direction: 'backwards', fromRevision: 3n, maxCount: 2 })),
        ).toEqual([3n, 2n]);
        expect(
          revisions(await store.readStream(stream, { direction: 'backwards', fromRevision: 'end', maxCount: 2 })),
        ).toEqual([4n, 3n]);
        expect(revisions(await store.readStream(stream, { direction: 'backwards', fromRevision: 'start' }))).toEqual([
          0n,
        ]);
      });

      it('reads a missing stream as empty in both directions', async () => {
        const missing = newStream('missing');
        expect(await store.readStream(missing)).toEqual([]);
        expect(await store.readStream(missing, { direction: 'backwards' })).toEqual([]);
        expect(await store.readStream(missing, { fromRevision: 3n, maxCount: 2 })).toEqual([]);
      });
    });

    describe('readAll and positions', () => {
      it('reads $all from a position, inclusive, interleaving streams in commit order', async () => {
        const a = newStream('all');
        const b = newStream('all');
        const plan: [string, number][] = [
          [a, 0],
          [b, 1],
          [a, 2],
          [b, 3],
        ];
        const results: AppendResult[] = [];
        for (const [stream, n] of plan) results.push(await store.appendToStream(stream, [anEvent('Step', { n })]));
        const first = results[0].position;

        const page = await store.readAll({ fromPosition: first, maxCount: 1000 });
        const ours = page.filter((event) => event.stream === a || event.stream === b);

        expect(page[0]).toMatchObject({ stream: a, position: first });
        expect(ours.map((event) => [event.stream, JSON.parse(event.data).n])).toEqual(plan);
        expect(positions(ours)).toEqual(results.map((result) => result.position));
      });

      it('reads at most maxCount events from $all', async () => {
        const stream = newStream('all');
        const events = someEvents(3);
        await store.appendToStream(stream, events);
        const [first] = await store.readStream(stream);

        const page = await store.readAll({ fromPosition: first.position, maxCount: 2 });

        // The events of one append are contiguous in $all, so both belong to this stream.
        expect(page.map((event) => event.id)).toEqual([events[0].id, events[1].id]);
      });

      it('reads from the start of $all by default, user events only, in increasing positions', async () => {
        const { position } = await store.appendToStream(newStream('all'), [anEvent()]);

        const fromDefault = await store.readAll({ maxCount: 50 });
        const fromStart = await store.readAll({ fromPosition: 'start', maxCount: 50 });

        expect(fromDefault.length).toBeGreaterThan(0);
        expect(ids(fromDefault)).toEqual(ids(fromStart));
        expect(fromDefault[0].position).toBeLessThanOrEqual(position);
        expectStrictlyIncreasing(positions(fromDefault));
        expect(fromDefault.filter((event) => event.stream.startsWith('$'))).toEqual([]);
      });

      it('assigns strictly increasing positions in commit order, across streams and within an append', async () => {
        const [a, b, c] = [newStream(), newStream(), newStream()];
        const single: bigint[] = [];
        for (const stream of [a, b, a, c]) single.push((await store.appendToStream(stream, [anEvent()])).position);
        const multi = await store.appendToStream(b, someEvents(3));
        const multiRead = (await store.readStream(b)).slice(1);

        expectStrictlyIncreasing([...single, ...positions(multiRead)]);
        expect(multi.position).toBe(multiRead[2].position);
      });

      it('reports the newest position as headPosition', async () => {
        const before = await store.headPosition();
        const { position } = await store.appendToStream(newStream(), someEvents(2));
        const after = await store.headPosition();

        if (before !== null) expect(position).toBeGreaterThan(before);
        expect(after).not.toBeNull();
        // Other writers may share the store, so the head can only be at or beyond our append.
        expect(after!).toBeGreaterThanOrEqual(position);
        const [newest] = await store.readAll({ fromPosition: after!, maxCount: 1 });
        expect(newest?.position).toBe(after);
      });
    });

    describe('concurrent appends', () => {
      it('lets exactly one of many concurrent appends with the same exact revision win', async () => {
        const stream = newStream('race');
        await store.appendToStream(stream, [anEvent('Seed')], { expectedRevision: 'no_stream' });
        const contenders = someEvents(20, 'Contender');

        const settled = await Promise.allSettled(
          contenders.map((event) => store.appendToStream(stream, [event], { expectedRevision: 0n })),
        );

        const winners = settled.flatMap((outcome, i) => (outcome.status === 'fulfilled' ? [{ i, ...outcome.value }] : []));
        const losers = settled.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
        expect(winners).toHaveLength(1);
        expect(winners[0].nextExpectedRevision).toBe(1n);
        expect(losers).toHaveLength(19);
        for (const error of losers) {
          expect(error).toBeInstanceOf(WrongExpectedVersionError);
          expect(error).toMatchObject({ stream, expected: 0n, actual: 1n });
        }
        const read = await store.readStream(stream);
        expect(ids(read)).toEqual([read[0].id, contenders[winners[0].i].id]);
      });

      it("lets exactly one of many concurrent 'no_stream' appends create the stream", async () => {
        const stream = newStream('race');
        const contenders = someEvents(10, 'Contender');

        const settled = await Promise.allSettled(
          contenders.map((event) => store.appendToStream(stream, [event], { expectedRevision: 'no_stream' })),
        );

        expect(settled.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        const losers = settled.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
        expect(losers).toHaveLength(9);
        for (const error of losers) expect(error).toMatchObject({ stream, expected: 'no_stream', actual: 0n });
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it('gives every concurrent append to different streams its own result', async () => {
        const streams = Array.from({ length: 32 }, () => newStream('fanout'));

        const results = await Promise.all(
          streams.map((stream) => store.appendToStream(stream, someEvents(2), { expectedRevision: 'no_stream' })),
        );

        expect(new Set(results.map((result) => result.position)).size).toBe(streams.length);
        for (const [i, stream] of streams.entries()) {
          const read = await store.readStream(stream);
          expect(results[i]).toEqual({ nextExpectedRevision: 1n, position: read[1].position });
        }
      });

      it("gives every concurrent 'any' append to one stream its own revision", async () => {
        const stream = newStream('race');
        const events = someEvents(20);

        const results = await Promise.all(events.map((event) => store.appendToStream(stream, [event])));

        const read = await store.readStream(stream);
        expect(read).toHaveLength(20);
        expect([...results.map((result) => result.nextExpectedRevision)].sort((x, y) => (x < y ? -1 : 1))).toEqual(
          revisions(read),
        );
        for (const [i, result] of results.entries()) {
          const recorded = read[Number(result.nextExpectedRevision)];
          expect({ id: recorded.id, position: recorded.position }).toEqual({ id: events[i].id, position: result.position });
        }
      });
    });

    describe('subscribeToAll', () => {
      it('without fromPosition starts at the first event of $all', async () => {
        await store.appendToStream(newStream('sub'), [anEvent()]);
        const [first] = await store.readAll({ maxCount: 1 });

        const { all } = await collectUntil(
          (signal) => store.subscribeToAll({ signal }),
          () => true,
          (kept) => kept.length === 1,
        );

        expect(all[0]?.id).toBe(first.id);
        expect(all[0]?.position).toBe(first.position);
      });

      it('from a position starts with the event after it (exclusive)', async () => {
        const stream = newStream('sub');
        const events = someEvents(3);
        const { position: firstPosition } = await store.appendToStream(stream, [events[0]]);
        await store.appendToStream(stream, events.slice(1));
        const [, next] = await store.readAll({ fromPosition: firstPosition, maxCount: 2 });

        const { all, kept } = await collectUntil(
          (signal) => store.subscribeToAll({ fromPosition: firstPosition, signal }),
          (event) => event.stream === stream,
          (kept) => kept.length === 2,
        );

        expect(all[0]?.id).toBe(next.id);
        expect(all.every((event) => event.position > firstPosition)).toBe(true);
        expect(ids(kept)).toEqual([events[1].id, events[2].id]);
      });

      it('delivers events appended after it has caught up (live)', async () => {
        const stream = newStream('live');
        const events = someEvents(3);
        const from = await store.headPosition();

        const collecting = collectUntil(
          (signal) => store.subscribeToAll({ ...afterPosition(from), signal }),
          (event) => event.stream === stream,
          (kept) => kept.length === 3,
        );
        await delay(SETTLE_MS);
        await store.appendToStream(stream, [events[0]]);
        await store.appendToStream(stream, events.slice(1));

        const { kept } = await collecting;
        expect(ids(kept)).toEqual(ids(events));
        expect(revisions(kept)).toEqual([0n, 1n, 2n]);
      });

      it('ends the for-await loop without an error when aborted while idle', async () => {
        const controller = new AbortController();
        const from = await store.headPosition();
        const stream = newStream('abort');
        let ours = 0;
        const loop = (async () => {
          for await (const event of store.subscribeToAll({ ...afterPosition(from), signal: controller.signal })) {
            if (event.stream === stream) ours += 1;
          }
          return 'ended';
        })();

        await delay(SETTLE_MS);
        controller.abort();
        await expect(endsWithin(loop, 'the aborted subscription')).resolves.toBe('ended');
        // Appends after the abort are not delivered to the finished loop.
        await store.appendToStream(stream, [anEvent()]);
        expect(ours).toBe(0);
      });

      it('delivers nothing more once aborted, even with events still to catch up on', async () => {
        const stream = newStream('abort');
        const before = await store.headPosition();
        await store.appendToStream(stream, someEvents(5));
        const controller = new AbortController();
        const delivered: RecordedEvent[] = [];

        const loop = (async () => {
          for await (const event of store.subscribeToAll({ ...afterPosition(before), signal: controller.signal })) {
            delivered.push(event);
            if (event.stream === stream) controller.abort();
          }
        })();

        await endsWithin(loop, 'the aborted subscription');
        expect(delivered.filter((event) => event.stream === stream)).toHaveLength(1);
        expect(delivered[delivered.length - 1].stream).toBe(stream);
      });

      it('yields nothing for a signal that is already aborted', async () => {
        await store.appendToStream(newStream('abort'), [anEvent()]);
        const delivered: RecordedEvent[] = [];

        const loop = (async () => {
          for await (const event of store.subscribeToAll({ signal: AbortSignal.abort() })) delivered.push(event);
        })();

        await endsWithin(loop, 'the pre-aborted subscription');
        expect(delivered).toEqual([]);
      });

      it('delivers every event exactly once, in order, across the catch-up → live hand-over', async () => {
        const TOTAL = 300;
        const BURST = 10;
        const streams = Array.from({ length: 5 }, () => newStream('handover'));
        const ours = new Set(streams);
        const start = await store.headPosition();

        let written = 0;
        let signalBacklog!: () => void;
        const backlogWritten = new Promise<void>((resolve) => (signalBacklog = resolve));
        const writer = (async () => {
          for (let burst = 0; written < TOTAL; burst++) {
            await Promise.all(
              Array.from({ length: BURST }, (_, i) =>
                store.appendToStream(streams[(burst + i) % streams.length], [anEvent('Burst', { burst, i })]),
              ),
            );
            written += BURST;
            if (written >= TOTAL / 3) signalBacklog();
            // Let the subscription run between bursts, so it keeps crossing from catch-up to live.
            await new Promise<void>((resolve) => setImmediate(resolve));
          }
        })();

        // Subscribing mid-write: a backlog to catch up on while the writer keeps going.
        await Promise.race([backlogWritten, writer]);
        const collecting = collectUntil(
          (signal) => store.subscribeToAll({ ...afterPosition(start), signal }),
          (event) => ours.has(event.stream),
          (kept) => kept.length >= TOTAL,
        );
        await writer;
        const { kept } = await collecting;

        const truth = (await readAllAfter(store, start)).filter((event) => ours.has(event.stream));
        expect(truth).toHaveLength(TOTAL);
        expect(positions(kept)).toEqual(positions(truth));
        expect(ids(kept)).toEqual(ids(truth));
        expectStrictlyIncreasing(positions(kept));
      });
    });

    describe('close', () => {
      let own: EventStoreUnderTest;

      beforeEach(async () => {
        own = await factory();
      });

      afterEach(async () => {
        await own.cleanup();
      });

      it('ends live subscriptions', async () => {
        const from = await own.store.headPosition();
        const loop = (async () => {
          let count = 0;
          for await (const _ of own.store.subscribeToAll(afterPosition(from))) count += 1;
          return count;
        })();
        await delay(SETTLE_MS);

        await own.store.close();

        await expect(endsWithin(loop, 'the subscription of a closed store')).resolves.toBe(0);
      });

      it('rejects appends made after it with EventStoreUnavailableError', async () => {
        await own.store.close();

        const error = await rejectionOf(own.store.appendToStream(newStream(), [anEvent()]));

        expect(error).toBeInstanceOf(EventStoreUnavailableError);
      });
    });
  });
}

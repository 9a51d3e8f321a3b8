/**
 * Commands that race, the same on every event-store adapter: `Idempotency-Key` (kept in the store, shared
 * by every instance on it) and the `If-Match` precondition. Register it from an adapter's spec file with
 * a factory that gives a store and a second connection to the same one, as a second API instance has:
 *
 *   commandRacesContract('sqlite', async () => { ...; return { store, another, cleanup }; });
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Decider } from '../../libs/domain/src/index.js';
import { idempotencyStream } from '../../libs/domain/src/index.js';
import type { EventStore } from '../../libs/ledger/src/event-store/event-store.port.js';
import { CommandPipeline, PreconditionFailedError } from '../../libs/ledger/src/command-handling/command-pipeline.js';
import { IdempotencyKeys, type IdempotentRequest } from '../../libs/ledger/src/command-handling/idempotency-keys.js';
import { LedgerWriter } from '../../libs/ledger/src/integrity/ledger-writer.js';

export interface RacingStoreUnderTest {
  readonly store: EventStore;
  /** A second connection to the same store. */
  readonly another: () => Promise<EventStore>;
  readonly cleanup: () => Promise<void>;
}

type Counted = { type: 'Counted'; data: { by: string } };
const counter: Decider<{ by: string }, number, Counted, void> = {
  initialState: 0,
  evolve: (count) => count + 1,
  decide: (command) => [{ type: 'Counted', data: { by: command.by } }],
};
const NOW = '2026-03-01T10:00:00.000Z';
const actor = { userId: 'u-staff', role: 'staff' };

export function commandRacesContract(name: string, factory: () => Promise<RacingStoreUnderTest>): void {
  describe(`commands that race (${name})`, () => {
    let subject: RacingStoreUnderTest;
    let secondStore: EventStore;
    const secret = randomBytes(32);
    const instance = (store: EventStore) => new IdempotencyKeys(new CommandPipeline(store, new LedgerWriter(store)), secret);
    const request = (overrides: Partial<IdempotentRequest> = {}): IdempotentRequest => ({
      actor,
      key: randomUUID(),
      method: 'POST',
      path: '/v1/cases',
      body: { requester: { kind: 'patron', name: 'Pat' }, patron: { ref: '21234000123456' } },
      ...overrides,
    });

    beforeAll(async () => {
      subject = await factory();
      secondStore = await subject.another();
    });
    afterAll(async () => {
      await secondStore.close();
      await subject.cleanup();
    });

    describe('Idempotency-Key', () => {
      it('claims a new key, then gives the recorded answer back to the same request, on another instance too', async () => {
        const [first, second] = [instance(subject.store), instance(secondStore)];
        const sent = request();
        const outcome = await first.begin(sent, NOW);
        expect(outcome.kind).toBe('claimed');
        if (outcome.kind !== 'claimed') return;
        const answer = { status: 201, contentType: 'application/json; charset=utf-8', body: '{"caseId":"c1","token":"secret-token-value"}' };
        await first.finish(outcome.claim, answer, NOW);

        // The same body with its keys in another order is the same request.
        const reordered = { ...sent, body: { patron: { ref: '21234000123456' }, requester: { name: 'Pat', kind: 'patron' } } };
        await expect(second.begin(reordered, NOW)).resolves.toEqual({ kind: 'replay', answer });
        await expect(first.begin(sent, NOW)).resolves.toEqual({ kind: 'replay', answer });
      });

      it('keeps neither the key, nor the request, nor the answer readable in the store', async () => {
        const keys = instance(subject.store);
        const sent = request({ key: `order-${randomUUID()}` });
        const outcome = await keys.begin(sent, NOW);
        if (outcome.kind !== 'claimed') throw new Error('expected a claim');
        await keys.finish(outcome.claim, { status: 201, contentType: 'application/json', body: '{"token":"secret-token-value"}' }, NOW);
        const events = await subject.store.readStream(outcome.claim.stream);
        expect(events.map((event) => event.type)).toEqual(['IdempotencyKeyClaimed', 'IdempotentAnswerRecorded']);
        const stored = outcome.claim.stream + events.map((event) => event.data + event.metadata).join('');
        for (const clear of [sent.key, '21234000123456', 'secret-token-value', '/v1/cases']) expect(stored).not.toContain(clear);
      });

      it('refuses the same key for a different request (422 IDEMPOTENCY-KEY-REUSED), and keeps one principal’s keys apart from another’s', async () => {
        const keys = instance(subject.store);
        const sent = request();
        const outcome = await keys.begin(sent, NOW);
        if (outcome.kind !== 'claimed') throw new Error('expected a claim');
        await keys.finish(outcome.claim, { status: 201, contentType: 'application/json', body: '{}' }, NOW);

        await expect(keys.begin({ ...sent, body: { other: true } }, NOW)).rejects.toMatchObject({ kind: 'policy', rule: 'IDEMPOTENCY-KEY-REUSED' });
        await expect(keys.begin({ ...sent, path: '/v1/cases/other/releases' }, NOW)).rejects.toMatchObject({ rule: 'IDEMPOTENCY-KEY-REUSED' });
        await expect(keys.begin({ ...sent, actor: { userId: 'u-other', role: 'staff' } }, NOW)).resolves.toMatchObject({ kind: 'claimed' });
      });

      it('lets exactly one of many concurrent requests with one key run, from two instances, and answers the others 409 in flight', async () => {
        for (let round = 0; round < 10; round++) {
          const sent = request();
          const outcomes = await Promise.allSettled(
            Array.from({ length: 6 }, (_, n) => instance(n % 2 === 0 ? subject.store : secondStore).begin(sent, NOW)),
          );
          const claimed = outcomes.filter((outcome) => outcome.status === 'fulfilled' && outcome.value.kind === 'claimed');
          expect(claimed).toHaveLength(1);
          for (const outcome of outcomes) {
            if (outcome.status === 'rejected') expect(outcome.reason).toMatchObject({ kind: 'state', rule: 'IDEMPOTENCY-KEY-IN-FLIGHT' });
          }
        }
      });

      it('frees a key whose request failed on the server’s side, so the retry runs', async () => {
        const keys = instance(subject.store);
        const sent = request();
        const outcome = await keys.begin(sent, NOW);
        if (outcome.kind !== 'claimed') throw new Error('expected a claim');
        await keys.abandon(outcome.claim, NOW);
        await expect(keys.begin(sent, NOW)).resolves.toMatchObject({ kind: 'claimed' });
        expect((await subject.store.readStream(outcome.claim.stream)).map((event) => event.type)).toEqual([
          'IdempotencyKeyClaimed',
          'IdempotencyKeyReleased',
          'IdempotencyKeyClaimed',
        ]);
      });

      it('names each key’s stream by a keyed hash, the same on every instance that shares the secret', async () => {
        const sent = request();
        const outcome = await instance(subject.store).begin(sent, NOW);
        if (outcome.kind !== 'claimed') throw new Error('expected a claim');
        expect(outcome.claim.stream).toMatch(/^idempotency-[0-9a-f]{64}$/);
        expect(outcome.claim.stream).not.toBe(idempotencyStream(sent.key));
        const otherSecret = new IdempotencyKeys(new CommandPipeline(subject.store, new LedgerWriter(subject.store)), randomBytes(32));
        const elsewhere = await otherSecret.begin(sent, NOW);
        expect(elsewhere.kind === 'claimed' && elsewhere.claim.stream).not.toBe(outcome.claim.stream);
      });
    });

    describe('If-Match under a race', () => {
      it('answers the loser of two commands with the same If-Match 412, naming the revision that won, which exists', async () => {
        for (let round = 0; round < 5; round++) {
          const stream = `counter-${randomUUID()}`;
          const pipelines = [subject.store, secondStore].map((store) => new CommandPipeline(store, new LedgerWriter(store)));
          const first = await pipelines[0].execute({ stream, decider: counter, command: { by: 'setup' }, meta: { actor, recordedAt: NOW } });
          // Both have read the stream at the same revision before either appends: the race the precondition is for.
          let arrived = 0;
          let bothRead!: () => void;
          const barrier = new Promise<void>((done) => (bothRead = done));
          const context = async () => {
            if (++arrived === 2) bothRead();
            await barrier;
          };
          const outcomes = await Promise.allSettled(
            pipelines.map((pipeline, n) =>
              pipeline.execute({ stream, decider: counter, command: { by: `writer-${n}` }, meta: { actor, recordedAt: NOW }, ifMatch: first.revision, context }),
            ),
          );
          const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
          const lost = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
          expect(won).toHaveLength(1);
          expect(lost).toHaveLength(1);
          const winner = (won[0] as PromiseFulfilledResult<{ revision: bigint }>).value;
          const refusal = lost[0].reason as PreconditionFailedError;
          expect(refusal).toBeInstanceOf(PreconditionFailedError);
          expect(refusal.actual).toBe(winner.revision);
          expect(refusal.message).toContain(`revision ${winner.revision}`);
          const recorded = await subject.store.readStream(stream);
          expect(recorded.map((event) => event.revision)).toEqual([0n, 1n]);
          expect(recorded[recorded.length - 1].revision).toBe(refusal.actual);
        }
      });
    });
  });
}

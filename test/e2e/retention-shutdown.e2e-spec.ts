import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { CommandBus, type ICommand } from '@nestjs/cqrs';
import { RETENTION_STREAM, type RetentionEvent } from '@ledger/domain';
import { decodeRecorded, ProtectedFields } from '@ledger/ledger';
import { openEventStore } from '@ledger/runtime';
import { PurgeCaseIdentityCommand } from '../../apps/api/src/retention/purge-case-identity/purge-case-identity.command.js';
import { PurgeSchedulerStoppedError, RetentionScheduler } from '../../apps/api/src/retention/retention-scheduler.service.js';
import { bearer, expectStatus, patronCaseBody } from '../support/http-flows.js';
import { type LedgerAppHarness, startLedgerApp, TestClock } from '../support/ledger-app.harness.js';
import { makeTempDir } from '../support/temp-dir.js';

const DAY_MINUTES = 24 * 60;
const REFS = ['CARD-SHUTDOWN-81001', 'CARD-SHUTDOWN-81002'];

/**
 * A scheduled purge in flight when the server shuts down is finished, not cut off: `app.close()` (what
 * SIGTERM runs) waits for it before the event store, the views and keys.db close. The purge is held at
 * a known point — its second case's shred, after the first case's shred is recorded and its key
 * destroyed — by a test double around the command bus, which lets it go when the test says so.
 */
describe('a purge in flight when the server shuts down', () => {
  const temps: { remove: () => void }[] = [];
  afterEach(() => {
    jest.restoreAllMocks();
    for (const temp of temps.splice(0)) temp.remove();
  });

  /** A fresh app whose two self-service cases (two patrons, two keys) are due for the scheduled purge. */
  async function twoCasesDue(): Promise<{ ledger: LedgerAppHarness; caseIds: string[] }> {
    const temp = makeTempDir('ledger-purge-shutdown-');
    temps.push(temp);
    const clock = new TestClock(new Date('2026-03-01T10:00:00.000Z'));
    const ledger = await startLedgerApp({ clock, dataDir: temp.dir });
    const staff = (await ledger.user('staff')).token;
    const caseIds: string[] = [];
    for (const ref of REFS) {
      const opened = await expectStatus(ledger.http.post('/v1/cases').set(bearer(staff)).send(patronCaseBody(ref)), 201);
      await expectStatus(ledger.http.post(`/v1/cases/${opened.caseId}/releases`).set(bearer(staff)).send({ categories: ['checkouts'], method: 'in_person' }), 201);
      caseIds.push(opened.caseId);
    }
    clock.advanceMinutes(91 * DAY_MINUTES); // past RET-PATRON-SELF's 90 days
    return { ledger, caseIds };
  }

  /** Holds the purge's second shred until `release` is called (with a failure to make it fail instead). */
  function holdSecondShred(ledger: LedgerAppHarness) {
    const bus = ledger.app.get(CommandBus);
    // The bus's own execute, taken before the spy replaces it (calling `bus.execute` inside the spy would call the spy).
    const execute: (command: ICommand) => Promise<unknown> = bus.execute.bind(bus);
    let shreds = 0;
    let reached!: () => void;
    const atHold = new Promise<void>((resolve) => (reached = resolve));
    let release!: (failure?: Error) => void;
    const released = new Promise<Error | undefined>((resolve) => (release = resolve));
    jest.spyOn(bus, 'execute').mockImplementation(async (command: ICommand) => {
      if (command instanceof PurgeCaseIdentityCommand && ++shreds === 2) {
        reached();
        const failure = await released;
        if (failure) throw failure;
      }
      return execute(command);
    });
    return { atHold, release, shreds: () => shreds };
  }

  /** Whether `app.close()` is still waiting, checked once the scheduler says it waits (or close is done: the bug). */
  async function closeWaitsForThePurge(ledger: LedgerAppHarness) {
    const logged = jest.spyOn(Logger.prototype, 'log');
    const waiting = new Promise<void>((resolve) =>
      logged.mockImplementation((message: unknown) => void (String(message).includes('waiting for the purge in flight') && resolve())),
    );
    let closed = false;
    const closing = ledger.app.close().then(() => (closed = true));
    await Promise.race([waiting, closing]);
    return { stillClosing: !closed, closing };
  }

  async function shredsRecorded(ledger: LedgerAppHarness): Promise<string[][]> {
    const store = await openEventStore(ledger.config);
    try {
      const events = (await store.readStream(RETENTION_STREAM)).map((recorded) => decodeRecorded<RetentionEvent>(recorded).event);
      return events.flatMap((event) => (event.type === 'PatronIdentityShredded' ? [[...event.data.caseIds]] : []));
    } finally {
      await store.close();
    }
  }

  function keysShredded(ledger: LedgerAppHarness, caseIds: readonly string[]): boolean[] {
    const fields = ProtectedFields.open({ keysFile: ledger.config.paths.keys, blindIndexKeyFile: ledger.config.paths.blindIndexKey });
    try {
      return caseIds.map((caseId) => fields.keyRecord(`c-${caseId}`)?.shreddedAt != null);
    } finally {
      fields.close();
    }
  }

  it('close waits for the run to finish every shred, then closes the stores; no new run starts once shutdown has begun', async () => {
    const { ledger, caseIds } = await twoCasesDue();
    const scheduler = ledger.app.get(RetentionScheduler);
    const held = holdSecondShred(ledger);
    const run = scheduler.runOnce();
    await held.atHold;

    const { stillClosing, closing } = await closeWaitsForThePurge(ledger);
    expect(stillClosing).toBe(true);
    // A caller during shutdown gets the run in flight, not a new one.
    expect(scheduler.runOnce()).toBe(run);

    held.release();
    expect([...(await run).shredded].sort()).toEqual([...caseIds].sort());
    await closing;

    await expect(scheduler.runOnce()).rejects.toBeInstanceOf(PurgeSchedulerStoppedError);
    expect(held.shreds()).toBe(2);
    expect((await shredsRecorded(ledger)).flat().sort()).toEqual([...caseIds].sort());
    expect(keysShredded(ledger, caseIds)).toEqual([true, true]);
  }, 120_000);

  it('a run that fails while the server shuts down is logged with cases and counts only, and close still completes', async () => {
    const { ledger, caseIds } = await twoCasesDue();
    const scheduler = ledger.app.get(RetentionScheduler);
    const held = holdSecondShred(ledger);
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const run = scheduler.runOnce();
    const failed = run.then(
      () => null,
      (error: unknown) => error,
    );
    await held.atHold;

    const { stillClosing, closing } = await closeWaitsForThePurge(ledger);
    expect(stillClosing).toBe(true);
    held.release(new Error('the disk went away'));
    expect(await failed).toMatchObject({ message: 'the disk went away' });
    await closing;

    const [first, second] = [...(await shredsRecorded(ledger)).flat(), null];
    expect(second).toBeNull();
    const stoppedAt = caseIds.find((caseId) => caseId !== first)!;
    expect(keysShredded(ledger, [first!, stoppedAt])).toEqual([true, false]);
    const logged = errors.mock.calls.map(([message]) => String(message));
    expect(logged.filter((message) => message.includes('Purge'))).toEqual([expect.stringMatching(new RegExp(`failed at case ${stoppedAt} after 1 identities shredded \\(cases ${first}\\), 0 due but kept: the disk went away$`))]);
    for (const ref of REFS) expect(logged.join('\n')).not.toContain(ref);
  }, 120_000);
});

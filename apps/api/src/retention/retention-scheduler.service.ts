import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DomainError } from '@ledger/domain';
import { EVENT_STORE, type EventStore, type LedgerConfig, type ProtectedFields, reapplyRecordedShreds } from '@ledger/ledger';
import { retentionPlanFromViews } from '@ledger/projections';
import { LEDGER_CONFIG, LIVE_VIEWS, PROTECTED_FIELDS } from '../infrastructure/tokens.js';
import type { LiveViews } from '@ledger/runtime';
import { PurgeCaseIdentityCommand } from './purge-case-identity/purge-case-identity.command.js';
import { NonOverlappingRuns } from '../infrastructure/non-overlapping-runs.js';
import { RetentionDesk } from './retention-desk.js';

export interface PurgeRun {
  readonly at: string;
  /** Cases whose identity this run shredded. */
  readonly shredded: readonly string[];
  /** Due cases kept (a hold, a shared first-reading key) or refused when re-checked. */
  readonly kept: number;
}

/**
 * The purge scheduler: on the instance that runs the time-based checks (`LEDGER_TIME_CHECKS`, one
 * per store), every `LEDGER_RETENTION_INTERVAL_MINUTES` it shreds what the schedule says is due.
 * Candidates come from the views; each shred is decided again from the case's own stream and the
 * retention stream (holds) by the same command a director's purge uses, so a view that lags can
 * delay a purge but never cause a wrong one. On start it first destroys any key a recorded shred
 * names that keys.db still holds (a crash between record and destruction, a restored backup).
 * Logs name cases and counts only, never a patron.
 *
 * On shutdown no new run starts (`onModuleDestroy`, Nest's first shutdown hook), and a run in flight
 * is waited for (`beforeApplicationShutdown`, beside the HTTP drain): `LedgerLifecycle` closes the
 * event store, the views and keys.db only after it, so a purge is never cut off between recording a
 * shred and destroying its key, or between one key and the next. A run that fails meanwhile is logged
 * and shutdown goes on; what it recorded stays recorded, and the next start destroys any key it left.
 */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger('RetentionScheduler');
  private readonly runs = new NonOverlappingRuns(() => this.purge());

  constructor(
    private readonly commands: CommandBus,
    private readonly desk: RetentionDesk,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROTECTED_FIELDS) private readonly protectedFields: ProtectedFields,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  /**
   * Every instance, purging or not, first destroys the keys whose shred the ledger records and its
   * keys.db still holds (a crash between the record and the destruction, a keys.db restored from an
   * older backup): no shredded identity is readable again on any instance.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.reapplyRecordedShreds();
    if (this.config.timeChecks) this.runs.every(this.config.retentionIntervalMinutes * 60_000);
  }

  private async reapplyRecordedShreds(): Promise<void> {
    const reapplied = await reapplyRecordedShreds(this.store, this.protectedFields);
    if (reapplied.destroyedNow.length > 0) this.logger.warn(`Destroyed ${reapplied.destroyedNow.length} key(s) whose shred the ledger had recorded`);
  }

  onModuleDestroy(): void {
    this.runs.stop();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (!this.runs.inFlight) return;
    this.logger.log('Shutting down: waiting for the purge in flight to finish');
    await this.runs.finished(); // purge() has logged the failure
  }

  /**
   * One purge now (runs never overlap: a caller during a run gets that run's result). Once shutdown
   * has begun no new run starts: the call is refused with `PurgeSchedulerStoppedError`.
   */
  runOnce(): Promise<PurgeRun> {
    return this.runs.runOnce() ?? Promise.reject(new PurgeSchedulerStoppedError());
  }

  private async purge(): Promise<PurgeRun> {
    const run = { at: this.desk.now(), shredded: [] as string[], kept: 0, atCase: null as string | null };
    try {
      await this.shredDue(run);
    } catch (error) {
      // Every shred before the failure is recorded and its key destroyed: the log says which, and where it stopped.
      const cases = run.shredded.length > 0 ? ` (cases ${run.shredded.join(', ')})` : '';
      const where = run.atCase ? ` at case ${run.atCase}` : '';
      this.logger.error(`Purge at ${run.at} failed${where} after ${run.shredded.length} identities shredded${cases}, ${run.kept} due but kept: ${messageOf(error)}`);
      throw error;
    }
    if (run.shredded.length > 0 || run.kept > 0) this.logger.log(`Purge at ${run.at}: ${run.shredded.length} identities shredded, ${run.kept} due but kept`);
    return { at: run.at, shredded: run.shredded, kept: run.kept };
  }

  private async shredDue(run: { readonly at: string; shredded: string[]; kept: number; atCase: string | null }): Promise<void> {
    // A shred recorded whose key was not destroyed (its append's outcome was unknown, or keys.db failed) is
    // no longer due once the views show it shredded: each run finishes those first.
    await this.reapplyRecordedShreds();
    await this.desk.viewsCaughtUp();
    const state = await this.desk.load();
    const plan = retentionPlanFromViews(this.views.db, state, run.at);
    const doneKeys = new Set<string>();
    for (const entry of plan) {
      if (entry.kept || doneKeys.has(entry.facts.keyId)) {
        if (entry.kept) run.kept += 1;
        continue;
      }
      run.atCase = entry.facts.caseId;
      try {
        const result = await this.commands.execute(new PurgeCaseIdentityCommand(entry.facts.caseId, { basis: 'schedule' }));
        doneKeys.add(result.keyId);
        run.shredded.push(...result.caseIds);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        run.kept += 1;
      }
      run.atCase = null;
    }
  }
}

/** `runOnce` once shutdown has begun: no purge starts then. */
export class PurgeSchedulerStoppedError extends Error {
  override readonly name = 'PurgeSchedulerStoppedError';
  constructor() {
    super('The purge scheduler has stopped: the server is shutting down, and no purge starts now');
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

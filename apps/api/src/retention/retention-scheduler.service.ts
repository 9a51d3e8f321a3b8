import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DomainError, retentionPlan } from '@ledger/domain';
import { EVENT_STORE, type EventStore, type LedgerConfig, type ProtectedFields, reapplyRecordedShreds } from '@ledger/ledger';
import { retentionFactsUnderKey, unshreddedClosedCases } from '@ledger/projections';
import { LEDGER_CONFIG, LIVE_VIEWS, PROTECTED_FIELDS } from '../infrastructure/tokens.js';
import type { LiveViews } from '@ledger/runtime';
import { PurgeCaseIdentityCommand } from './purge-case-identity/purge-case-identity.command.js';
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
 */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('RetentionScheduler');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<PurgeRun> | null = null;

  constructor(
    private readonly commands: CommandBus,
    private readonly desk: RetentionDesk,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROTECTED_FIELDS) private readonly protectedFields: ProtectedFields,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.timeChecks) return;
    const reapplied = await reapplyRecordedShreds(this.store, this.protectedFields);
    if (reapplied.destroyedNow.length > 0) this.logger.warn(`Destroyed ${reapplied.destroyedNow.length} key(s) whose shred the ledger had recorded`);
    this.timer = setInterval(() => void this.safeRun(), this.config.retentionIntervalMinutes * 60_000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One purge now (runs never overlap: a caller during a run gets that run's result). */
  runOnce(): Promise<PurgeRun> {
    this.running ??= this.purge().finally(() => (this.running = null));
    return this.running;
  }

  private async purge(): Promise<PurgeRun> {
    const at = this.desk.now();
    await this.desk.viewsCaughtUp();
    const state = await this.desk.load();
    const plan = retentionPlan(unshreddedClosedCases(this.views.db, at), (keyId) => retentionFactsUnderKey(this.views.db, keyId), state, at);
    const shredded: string[] = [];
    let kept = 0;
    const doneKeys = new Set<string>();
    for (const entry of plan) {
      if (entry.kept || doneKeys.has(entry.facts.keyId)) {
        if (entry.kept) kept += 1;
        continue;
      }
      try {
        const result = await this.commands.execute(new PurgeCaseIdentityCommand(entry.facts.caseId, { basis: 'schedule' }));
        doneKeys.add(result.keyId);
        shredded.push(...result.caseIds);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        kept += 1;
      }
    }
    if (shredded.length > 0 || kept > 0) this.logger.log(`Purge at ${at}: ${shredded.length} identities shredded, ${kept} due but kept`);
    return { at, shredded, kept };
  }

  private async safeRun(): Promise<void> {
    try {
      await this.runOnce();
    } catch (error) {
      this.logger.error(`Purge failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

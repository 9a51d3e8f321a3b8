import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { LedgerConfig } from '@ledger/ledger';
import { type Clock, CLOCK, LEDGER_CONFIG, LIVE_VIEWS } from '../../infrastructure/tokens.js';
import type { LiveViews } from '@ledger/runtime';

/** How often the background check runs. */
export const FINDINGS_CLOCK_INTERVAL_MS = 30_000;

/**
 * Finds the findings that time alone makes true (a law-enforcement request not referred within the
 * SLA, a warrant without counsel's advice after 7 days, a return date passed on an open case)
 * without waiting for an event: every 30 s (unref'd) when `LEDGER_TIME_CHECKS` is on; and, whatever
 * that setting, right before findings are read, so an answer is never behind the clock. The check
 * is done by the views' one writer (`LiveViews.advanceClock`: the worker thread, when views run
 * there), never by an insert from this thread. The check writes only to this
 * instance's views (never to the ledger), and a finding's detectedAt is the moment its deadline passed, so it does not matter which
 * check finds it first.
 */
@Injectable()
export class FindingsClock implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('FindingsClock');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.timeChecks) return;
    await this.check();
    this.timer = setInterval(() => void this.safeCheck(), FINDINGS_CLOCK_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Has the views' writer materialise every finding whose moment has passed; resolves to how many were new. */
  check(): Promise<number> {
    return this.views.advanceClock(this.clock.now());
  }

  private async safeCheck(): Promise<void> {
    try {
      await this.check();
    } catch (error) {
      this.logger.error(`Findings check failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

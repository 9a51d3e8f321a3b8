import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type CommandPipeline, type HttpConfig } from '@ledger/ledger';
import { type LiveViews, StreamCommandRunner } from '@ledger/runtime';
import { CLOCK, type Clock, COMMAND_PIPELINE, HTTP_CONFIG, LIVE_VIEWS } from '../infrastructure/tokens.js';
import { NonOverlappingRuns } from '../infrastructure/non-overlapping-runs.js';
import { MailOutbox, type OutboxRun } from './mail-outbox.js';
import { smtpTransport, type MailTransport } from './mail-transport.js';

const CATCH_UP_MS = 10_000;

/**
 * Runs the mail outbox in the API process (every `LEDGER_MAIL_INTERVAL_SECONDS`, default a minute, on
 * every instance: the outbox stream's expected revisions keep instances from queueing or sending one
 * message twice). Without `LEDGER_SMTP_URL` it still queues, and nothing is sent. Runs never overlap;
 * on shutdown none starts and the one in flight is waited for. Logs counts only, never an address.
 */
@Injectable()
export class MailScheduler implements OnApplicationBootstrap, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger('MailOutbox');
  readonly outbox: MailOutbox;
  private readonly transport?: MailTransport;
  private readonly runs = new NonOverlappingRuns(() => this.run());

  constructor(
    @Inject(COMMAND_PIPELINE) pipeline: CommandPipeline,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(HTTP_CONFIG) private readonly http: HttpConfig,
    runner: StreamCommandRunner,
  ) {
    this.transport = http.mail ? smtpTransport(http.mail) : undefined;
    this.outbox = new MailOutbox({ pipeline, runner, store, views, clock: this.clock, publicUrl: http.publicUrl, timeZone: http.timeZone, transport: this.transport });
  }

  /** Whether messages are sent (a mail server is configured). */
  get sending(): boolean {
    return this.transport !== undefined;
  }

  onApplicationBootstrap(): void {
    if (!this.http.mail) this.logger.log('LEDGER_SMTP_URL is not set: messages are queued in the ledger and not sent');
    const seconds = this.http.mailIntervalSeconds ?? 60;
    this.runs.every(seconds * 1000);
  }

  onModuleDestroy(): void {
    this.runs.stop();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runs.finished();
    this.transport?.close();
  }

  /** One run now, after the views have caught up with the ledger (a caller during a run gets that run). */
  runOnce(): Promise<OutboxRun> {
    return this.runs.runOnce() ?? Promise.resolve({ queued: 0, sent: 0, failed: 0 });
  }

  private async run(): Promise<OutboxRun> {
    try {
      const head = await this.store.headPosition();
      if (head !== null) await this.views.waitFor(head, CATCH_UP_MS);
      // The findings that time alone has made true (a return date passed) are news too: the views' writer finds them first.
      await this.views.advanceClock(this.clock.now());
      const run = await this.outbox.run();
      if (run.queued + run.sent + run.failed > 0) this.logger.log(`Mail: ${run.queued} queued, ${run.sent} sent, ${run.failed} failed (to be tried again)`);
      return run;
    } catch (error) {
      this.logger.error(`Mail outbox run failed: ${error instanceof Error ? error.name : 'error'}`);
      throw error;
    }
  }
}

import { type DynamicModule, Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { LedgerConfig } from '@ledger/ledger';
import { EVENT_STORE, LEDGER_LOG } from '@ledger/ledger';
import { IdentityDirectory } from '@ledger/projections';
import { ActorResolver, assertJurisdictionOnRecord, CaseCommandRunner, DesigneeRoster, type Ledger, openLedger, PatronDirectory, StreamCommandRunner } from '@ledger/runtime';
import { CredentialsEndedHere } from '../auth/credentials-ended-here.js';
import { AccessRecorder } from './access-recorder.service.js';
import {
  CLOCK,
  COMMAND_PIPELINE,
  IDEMPOTENCY_KEYS,
  IDENTITY_DIRECTORY,
  LEDGER,
  LEDGER_CONFIG,
  LEDGER_WRITER,
  LIVE_VIEWS,
  PROTECTED_FIELDS,
  ATTACHMENT_STORE,
  type Clock,
  systemClock,
} from './tokens.js';

/** Closes the ledger once the HTTP server has stopped and the last access records are durable. */
class LedgerLifecycle implements OnApplicationShutdown {
  private readonly logger = new Logger('Ledger');

  constructor(
    @Inject(LEDGER) private readonly ledger: Ledger,
    private readonly accessRecorder: AccessRecorder,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.accessRecorder.drain();
    await this.ledger.close();
    this.logger.log('Event store closed');
  }
}

export interface LedgerInfrastructureOptions {
  readonly config: LedgerConfig;
  readonly clock?: Clock;
  /** The compiled views worker script, when not beside this module (the TypeScript sources under jest have none). */
  readonly viewsWorkerEntry?: string;
}

/** Each part of the open ledger under its injection token: the module is a factory over `openLedger`. */
const PARTS = [
  [EVENT_STORE, (ledger: Ledger) => ledger.store],
  [LEDGER_LOG, (ledger: Ledger) => ledger.log],
  [LEDGER_WRITER, (ledger: Ledger) => ledger.writer],
  [COMMAND_PIPELINE, (ledger: Ledger) => ledger.pipeline],
  [PROTECTED_FIELDS, (ledger: Ledger) => ledger.protectedFields],
  [ATTACHMENT_STORE, (ledger: Ledger) => ledger.attachments],
  [IDEMPOTENCY_KEYS, (ledger: Ledger) => ledger.idempotencyKeys],
  [LIVE_VIEWS, (ledger: Ledger) => ledger.views],
  // Once for the whole app: every module resolves designee powers from the same folded roster.
  [DesigneeRoster, (ledger: Ledger) => ledger.roster],
  [ActorResolver, (ledger: Ledger) => ledger.actors],
  [CaseCommandRunner, (ledger: Ledger) => ledger.runners.cases],
  [StreamCommandRunner, (ledger: Ledger) => ledger.runners.streams],
  [PatronDirectory, (ledger: Ledger) => new PatronDirectory(ledger.pipeline)],
  [IDENTITY_DIRECTORY, (ledger: Ledger) => new IdentityDirectory(ledger.views!.db)],
] as const;

@Global()
@Module({})
export class LedgerInfrastructureModule {
  static forRoot(options: LedgerInfrastructureOptions): DynamicModule {
    const { config } = options;
    const clock = options.clock ?? systemClock;
    return {
      module: LedgerInfrastructureModule,
      providers: [
        { provide: LEDGER_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
        {
          provide: LEDGER,
          useFactory: async () => {
            const ledger = await openLedger(config, {
              clock,
              followLog: true,
              views: { holder: 'the API server', ...(options.viewsWorkerEntry !== undefined && { workerEntry: options.viewsWorkerEntry }) },
              logger: new Logger('Ledger'),
            });
            // Before anything is written: a ledger kept under another jurisdiction is refused (`ledger jurisdiction adopt` switches it on the record).
            try {
              await assertJurisdictionOnRecord(ledger);
            } catch (error) {
              await ledger.close();
              throw error;
            }
            return ledger;
          },
        },
        ...PARTS.map(([token, part]) => ({ provide: token, useFactory: part, inject: [LEDGER] })),
        AccessRecorder,
        CredentialsEndedHere,
        LedgerLifecycle,
      ],
      exports: [LEDGER, AccessRecorder, CredentialsEndedHere, LEDGER_CONFIG, CLOCK, ...PARTS.map(([token]) => token)],
    };
  }
}

import { type DynamicModule, Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore, LedgerConfig } from '@ledger/ledger';
import { CommandPipeline, EVENT_STORE, IdempotencyKeys, LEDGER_LOG, type LedgerLog, LedgerWriter, ProtectedFields } from '@ledger/ledger';
import { acquireViewsLock, IdentityDirectory, useCursorKey } from '@ledger/projections';
import { readFileSync } from 'node:fs';
import { AccessRecorder } from './access-recorder.service.js';
import { ActorResolver, DesigneeRoster } from '../auth/designee-roster.js';
import { CaseCommandRunner } from '../cases/case-command-runner.js';
import { ledgerLogProvider } from './ledger-log.provider.js';
import {
  CLOCK,
  COMMAND_PIPELINE,
  IDEMPOTENCY_KEYS,
  IDENTITY_DIRECTORY,
  LEDGER_CONFIG,
  LEDGER_WRITER,
  LIVE_VIEWS,
  PROTECTED_FIELDS,
  type Clock,
  systemClock,
} from './tokens.js';
import { type LiveViews, openEventStore, openLiveViews } from '@ledger/runtime';

/** Closes what the factories opened, in reverse order, once the HTTP server has stopped. */
class LedgerLifecycle implements OnApplicationShutdown {
  private readonly logger = new Logger('Ledger');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
    @Inject(PROTECTED_FIELDS) private readonly protectedFields: ProtectedFields,
    @Inject(LEDGER_LOG) private readonly log: LedgerLog,
    private readonly accessRecorder: AccessRecorder,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.accessRecorder.drain();
    await this.views.close();
    await this.log.close();
    await this.store.close();
    this.protectedFields.close();
    this.logger.log('Event store closed');
  }
}

export interface LedgerInfrastructureOptions {
  readonly config: LedgerConfig;
  readonly clock?: Clock;
  /** The compiled views worker script, when not beside this module (the TypeScript sources under jest have none). */
  readonly viewsWorkerEntry?: string;
}

@Global()
@Module({})
export class LedgerInfrastructureModule {
  static forRoot(options: LedgerInfrastructureOptions): DynamicModule {
    const { config } = options;
    return {
      module: LedgerInfrastructureModule,
      providers: [
        { provide: LEDGER_CONFIG, useValue: config },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: EVENT_STORE, useFactory: () => openEventStore(config) },
        ledgerLogProvider(config),
        { provide: LEDGER_WRITER, useFactory: (store: EventStore, log: LedgerLog) => new LedgerWriter(store, log.alarm), inject: [EVENT_STORE, LEDGER_LOG] },
        {
          provide: COMMAND_PIPELINE,
          useFactory: (store: EventStore, writer: LedgerWriter) => new CommandPipeline(store, writer),
          inject: [EVENT_STORE, LEDGER_WRITER],
        },
        {
          provide: IDEMPOTENCY_KEYS,
          // Keyed with the shared blind-index key: every instance names a key's stream the same way.
          useFactory: (pipeline: CommandPipeline) => new IdempotencyKeys(pipeline, readFileSync(config.paths.blindIndexKey)),
          inject: [COMMAND_PIPELINE, PROTECTED_FIELDS],
        },
        {
          provide: PROTECTED_FIELDS,
          useFactory: () => {
            const fields = ProtectedFields.open({ keysFile: config.paths.keys, blindIndexKeyFile: config.paths.blindIndexKey });
            // Page cursors are signed with a key derived from the shared keys dir: every instance accepts the others'.
            useCursorKey(readFileSync(config.paths.blindIndexKey));
            return fields;
          },
        },
        {
          provide: LIVE_VIEWS,
          useFactory: async (store: EventStore) => {
            // Before touching views.db: refuse to start while `ledger rebuild` holds it (ViewsLock releases on shutdown).
            acquireViewsLock(`${config.paths.views}.lock`, 'the API server');
            return openLiveViews(config, store, new Logger('Views'), options.viewsWorkerEntry);
          },
          inject: [EVENT_STORE],
        },
        {
          provide: IDENTITY_DIRECTORY,
          useFactory: (views: LiveViews) => new IdentityDirectory(views.db),
          inject: [LIVE_VIEWS],
        },
        AccessRecorder,
        LedgerLifecycle,
        // Once for the whole app: every module resolves designee powers from the same folded roster.
        DesigneeRoster,
        ActorResolver,
        CaseCommandRunner,
      ],
      exports: [IDEMPOTENCY_KEYS, AccessRecorder, LEDGER_LOG, LEDGER_CONFIG, CLOCK, EVENT_STORE, LEDGER_WRITER, COMMAND_PIPELINE, PROTECTED_FIELDS, LIVE_VIEWS, IDENTITY_DIRECTORY, DesigneeRoster, ActorResolver, CaseCommandRunner],
    };
  }
}

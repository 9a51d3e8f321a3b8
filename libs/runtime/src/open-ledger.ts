import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AttachmentStore, CommandPipeline, type EventStore, IdempotencyKeys, type LedgerConfig, LedgerLog, LedgerWriter, ProtectedFields } from '@ledger/ledger';
import { acquireViewsLock, useCursorKey } from '@ledger/projections';
import { ActorResolver } from './cases/actor-resolver.js';
import { CaseCommandRunner, type Clock, systemClock } from './cases/case-command-runner.js';
import { DesigneeRoster } from './cases/designee-roster.js';
import { StreamCommandRunner } from './cases/stream-command-runner.js';
import { openEventStore } from './open-event-store.js';
import type { LiveViews } from './views/live-views.js';
import { compiledViewsWorkerEntry, openLiveViews } from './views/open-live-views.js';

/** Where start-up notes and failures go (a NestJS `Logger` is one). */
export interface LedgerLogger {
  debug?(message: string): void;
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const silent: LedgerLogger = { log: () => {}, warn: () => {}, error: () => {} };

export interface OpenLedgerOptions {
  readonly clock?: Clock;
  /**
   * The views in views.db, kept up as the ledger grows (the API server: `holder` names it in the lock
   * that keeps `ledger rebuild` out). Without it there are no live views (the CLI builds its own).
   */
  readonly views?: { readonly holder: string; readonly workerEntry?: string | null };
  /** Follow `$all` into log.db as the server does (leaves, signed checkpoints, the integrity alarm). */
  readonly followLog?: boolean;
  readonly logger?: LedgerLogger;
}

/** Every part of an open ledger. Parts not asked for are opened on first use; `close()` closes what was opened. */
export interface Ledger {
  readonly config: LedgerConfig;
  readonly clock: Clock;
  readonly store: EventStore;
  /** The verifiable log; its alarm stops the writer. */
  readonly log: LedgerLog;
  readonly writer: LedgerWriter;
  readonly pipeline: CommandPipeline;
  /** Patron identity: case keys (keys.db) and the blind index; page cursors are signed from the same key dir. */
  readonly protectedFields: ProtectedFields;
  readonly idempotencyKeys: IdempotencyKeys;
  /** The bytes of documents attached to cases (attachments.db), encrypted under the cases' keys. */
  readonly attachments: AttachmentStore;
  /** The live views; present when `views` was asked for. */
  readonly views: LiveViews | null;
  readonly roster: DesigneeRoster;
  readonly actors: ActorResolver;
  readonly runners: { readonly cases: CaseCommandRunner; readonly streams: StreamCommandRunner };
  close(): Promise<void>;
}

/**
 * The one way to open the ledger, for the API server, the views worker's host and every CLI command:
 * the configured store, the log whose alarm the writer obeys, the pipeline, protected fields, idempotency
 * keys, the designee roster and the command runners, and (for the server) the live views.
 */
export async function openLedger(config: LedgerConfig, options: OpenLedgerOptions = {}): Promise<Ledger> {
  const logger = options.logger ?? silent;
  const clock = options.clock ?? systemClock;
  const store = await openEventStore(config);
  const log = lazy(() => openLedgerLog(config, store, logger, options.followLog === true));
  const writer = lazy(() => new LedgerWriter(store, log.get().alarm));
  const pipeline = lazy(() => new CommandPipeline(store, writer.get(), config.jurisdiction));
  const protectedFields = lazy(() => {
    const fields = ProtectedFields.open({ keysFile: config.paths.keys, blindIndexKeyFile: config.paths.blindIndexKey });
    // Page cursors are signed with a key derived from the shared keys dir: every instance accepts the others'.
    useCursorKey(readFileSync(config.paths.blindIndexKey));
    return fields;
  });
  // Keyed with the shared blind-index key (made with the protected fields): every instance names a key's stream the same way.
  const idempotencyKeys = lazy(() => (protectedFields.get(), new IdempotencyKeys(pipeline.get(), readFileSync(config.paths.blindIndexKey))));
  const attachments = lazy(() => AttachmentStore.open(config.paths.attachments, protectedFields.get()));
  const roster = lazy(() => new DesigneeRoster(pipeline.get()));
  const actors = lazy(() => new ActorResolver(roster.get(), clock));
  const runners = lazy(() => ({ cases: new CaseCommandRunner(pipeline.get(), clock, roster.get(), config), streams: new StreamCommandRunner(pipeline.get(), clock, actors.get()) }));

  let views: LiveViews | null = null;
  // The views first (their worker reads the store), then the log, the store, and the keys last.
  const close = async () => {
    await views?.close();
    await log.opened()?.close();
    await store.close();
    attachments.opened()?.close();
    protectedFields.opened()?.close();
  };
  try {
    if (options.followLog) log.get();
    if (options.views) {
      // Before touching views.db: refuse to start while `ledger rebuild` holds it (the lock goes with the process).
      acquireViewsLock(`${config.paths.views}.lock`, options.views.holder);
      views = await openLiveViews(config, store, logger, options.views.workerEntry ?? compiledViewsWorkerEntry());
    }
  } catch (error) {
    await close();
    throw error;
  }

  return {
    config,
    clock,
    store,
    get log() {
      return log.get();
    },
    get writer() {
      return writer.get();
    },
    get pipeline() {
      return pipeline.get();
    },
    get protectedFields() {
      return protectedFields.get();
    },
    get idempotencyKeys() {
      return idempotencyKeys.get();
    },
    get attachments() {
      return attachments.get();
    },
    views,
    get roster() {
      return roster.get();
    },
    get actors() {
      return actors.get();
    },
    get runners() {
      return runners.get();
    },
    close,
  };
}

/** A part made on first use, and whether it was. */
function lazy<T>(open: () => T): { get(): T; opened(): T | null } {
  let part: { readonly value: T } | null = null;
  return {
    get: () => (part ??= { value: open() }).value,
    opened: () => part?.value ?? null,
  };
}

/** Opens log.db and its signing key; the server also follows `$all` into it and raises the alarm on a contradiction. */
function openLedgerLog(config: LedgerConfig, store: EventStore, logger: LedgerLogger, follow: boolean): LedgerLog {
  const log = LedgerLog.open(store, {
    logFile: config.paths.log,
    signingKeyFile: config.paths.signingKey,
    ...(config.logOrigin ? { origin: config.logOrigin } : {}),
    newOrigin: config.newLogOrigin,
    ...(follow && {
      onError: (error: unknown) => logger.error(`The log follower failed and will start again: ${error instanceof Error ? error.message : String(error)}`),
      witnesses: config.witnesses,
      onWitnessProblem: (message: string) => logger.warn(message),
    }),
  });
  if (!follow) return log;
  if (log.keyCreated) logger.warn(`Made the log's signing key at ${config.paths.signingKey}: back it up, apart from the data dir (docs/integrity.md)`);
  if (dirname(config.paths.signingKey) === dirname(config.paths.events)) {
    logger.warn(
      `The log's signing key ${config.paths.signingKey} shares a directory with events.db: whoever can rewrite the records can re-sign them. ` +
        'Stop the server, move the key to a directory of its own and set LEDGER_SIGNING_KEY_FILE to it (docs/integrity.md, "The signing key")',
    );
  }
  if (log.keyExposed) logger.warn(`The log's signing key ${config.paths.signingKey} can be read by others than its owner: chmod 600 it`);
  log.alarm.onRaise((alarm) => {
    const bar = '!'.repeat(100);
    logger.error(`${bar}\nINTEGRITY ALARM: ${alarm.reason}.\nThe ledger refuses every write and signs nothing until this is looked into (docs/integrity.md).\n${bar}`);
  });
  logger.debug?.(`Verifiable log ${log.origin}, key ${log.verifierKey}`);
  log.start();
  return log;
}

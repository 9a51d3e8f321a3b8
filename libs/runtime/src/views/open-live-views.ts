import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EventStore, LedgerConfig } from '@ledger/ledger';
import { ProjectionRunner } from '@ledger/projections';
import { projectionsFor } from '../projections-for.js';
import type { LiveViews } from './live-views.js';
import { ViewsWorker } from './views-worker.host.js';

/** The compiled worker script beside this module; null when running from TypeScript sources (jest). */
export function compiledViewsWorkerEntry(): string | null {
  const entry = fileURLToPath(new URL('./views-worker.entry.js', import.meta.url));
  return existsSync(entry) ? entry : null;
}

/**
 * Starts applying the ledger to the API's views, caught up before it returns (authentication reads
 * them): on a worker thread when `LEDGER_VIEWS_THREAD=worker` (the default) and the build has the
 * worker script (or the caller names one: the e2e suite under jest runs the compiled script from
 * `dist`), otherwise on this thread.
 */
/** Where start-up notes and projection failures go (a NestJS `Logger` is one). */
export interface ViewsLogger {
  log(message: string): void;
  error(message: string): void;
}

export async function openLiveViews(config: LedgerConfig, store: EventStore, logger: ViewsLogger, workerEntry = compiledViewsWorkerEntry()): Promise<LiveViews> {
  const onError = (message: string) => logger.error(`Projection failed: ${message}`);
  const entry = config.viewsThread === 'worker' ? workerEntry : null;
  if (entry) {
    return ViewsWorker.start({ config, entry, commits: store.commitSignals?.(), onError });
  }
  if (config.viewsThread === 'worker') logger.log('Views are applied on the main thread: the worker runs only from the compiled build');
  const runner = new ProjectionRunner(store, config.paths.views, projectionsFor(config), {
    onError: (error) => onError(error instanceof Error ? error.message : String(error)),
  });
  await runner.catchUp();
  runner.start();
  return runner;
}

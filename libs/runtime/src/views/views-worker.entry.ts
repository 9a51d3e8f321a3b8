/**
 * The views worker thread: follows the ledger on its own connection and applies every event to the
 * API's read models in `views.db`, so that the thread answering requests only decides and appends.
 * It talks to the API thread only through the messages in `views-worker.messages.ts`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CommitSignals } from '@ledger/ledger';
import { ProjectionRunner } from '@ledger/projections';
import { openEventStore } from '../open-event-store.js';
import { projectionsFor } from '../projections-for.js';
import { fromWorkerConfig, type ViewsHostMessage, type ViewsWorkerData, type ViewsWorkerMessage } from './views-worker.messages.js';

const port = parentPort;
if (!port) throw new Error('views-worker.entry runs only as a worker thread');
const post = (message: ViewsWorkerMessage) => port.postMessage(message);
const data = workerData as ViewsWorkerData;
const { commits } = data;
const config = fromWorkerConfig(data.config);

const store = await openEventStore(config);
const runner = new ProjectionRunner(store, config.paths.views, projectionsFor(config), {
  onError: (error) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
});
await runner.catchUp();
runner.onBatchApplied((position) => post({ type: 'applied', position: position.toString() }));
runner.start();

let closing: Promise<void> | null = null;

// The API thread's commits to the embedded store: wake the subscription instead of waiting for its poll.
async function followCommits(follower: CommitSignals): Promise<void> {
  let seen = Atomics.load(commits, 0);
  while (!closing) {
    const wait = Atomics.waitAsync(commits, 0, seen);
    if (wait.async) await wait.value;
    seen = Atomics.load(commits, 0);
    if (!closing) follower.wake();
  }
}
const signals = store.commitSignals?.();
if (signals) void followCommits(signals);

port.on('message', (message: ViewsHostMessage) => {
  if (message.type === 'advance-clock') {
    runner.advanceClock(new Date(message.now)).then(
      (added) => post({ type: 'clock-advanced', id: message.id, added }),
      (error: unknown) => post({ type: 'clock-failed', id: message.id, message: error instanceof Error ? error.message : String(error) }),
    );
    return;
  }
  if (message.type === 'close') {
    closing ??= (async () => {
      Atomics.notify(commits, 0); // ends followCommits' wait
      await runner.close();
      await store.close();
      post({ type: 'closed' });
      port.close();
    })();
  }
});
post({ type: 'ready', position: runner.checkpoint?.toString() ?? null });

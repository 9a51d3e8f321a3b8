import { SingleBar } from 'cli-progress';
import { Command, CommandRunner, Option } from 'nest-commander';
import { acquireViewsLock, ProjectionRunner, releaseViewsLock, ViewsLockedError } from '@ledger/projections';
import { projectionsFor } from '@ledger/runtime';
import { CliError, withLedger } from '../ledger-session.js';

interface RebuildFlags {
  json?: boolean;
}

/**
 * `ledger rebuild`: drops every view in `views.db` and replays the ledger from position 0. It refuses
 * to run while the API server of this data dir runs (the server holds `views.db.lock`; its runner
 * would interleave its own batches with the replay): stop the server, rebuild, start it again. A
 * server will not start while a rebuild holds the lock either.
 */
@Command({ name: 'rebuild', description: 'Drop and replay every view from the start of the ledger (stop the server first)' })
export class RebuildCommand extends CommandRunner {
  async run(_args: string[], flags: RebuildFlags): Promise<void> {
    const report = await withLedger(async ({ store, config }) => {
      const lockFile = `${config.paths.views}.lock`;
      try {
        acquireViewsLock(lockFile, 'ledger rebuild');
      } catch (error) {
        if (error instanceof ViewsLockedError) {
          throw new CliError(`Refusing to rebuild: ${error.message}. Stop the server first.`);
        }
        throw error;
      }
      const runner = new ProjectionRunner(store, config.paths.views, projectionsFor(config));
      const head = (await store.headPosition()) ?? 0n;
      const bar =
        process.stdout.isTTY && !flags.json
          ? new SingleBar({ format: 'Rebuilding views |{bar}| {percentage}% | {events} events | {rate} events/s', hideCursor: true })
          : null;
      const started = process.hrtime.bigint();
      bar?.start(Number(head) || 1, 0, { events: 0, rate: 0 });
      try {
        const events = await runner.rebuild((applied, position) => {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          bar?.update(Number(position), { events: applied, rate: Math.round(applied / Math.max(seconds, 1e-3)) });
        });
        const findings = await runner.advanceClock(new Date());
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        bar?.update(Number(head) || 1);
        bar?.stop();
        return { views: projectionsFor(config).length, events, seconds: Number(seconds.toFixed(3)), eventsPerSecond: Math.round(events / Math.max(seconds, 1e-3)), position: runner.checkpoint?.toString() ?? null, timeFindings: findings };
      } finally {
        bar?.stop();
        await runner.close();
        releaseViewsLock(lockFile);
      }
    });
    if (flags.json) process.stdout.write(`${JSON.stringify(report)}\n`);
    else {
      process.stdout.write(
        `Rebuilt ${report.views} views: ${report.events} events replayed in ${report.seconds} s (${report.eventsPerSecond} events/s), up to position ${report.position ?? 'none'}.\n`,
      );
    }
  }

  @Option({ flags: '--json', description: 'print the summary as JSON' })
  parseJson(): boolean {
    return true;
  }
}

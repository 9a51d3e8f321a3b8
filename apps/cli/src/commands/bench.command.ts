import { SingleBar } from 'cli-progress';
import { Command, CommandRunner, Option } from 'nest-commander';
import { runBench, writeArtifacts } from '../bench/run-bench.js';

interface BenchFlags {
  quick?: boolean;
}

/**
 * `ledger bench`: measures the raw fsync floor, the OpenCase pipeline at rising concurrency, HTTP,
 * rebuild, verify and register queries in one run; prints one JSON object on stdout and writes it to
 * `bench/results/`, and the throughput plot to `docs/pipeline-throughput.svg`. See docs/performance.md.
 */
@Command({ name: 'bench', description: 'Measure the ledger (JSON on stdout; --quick finishes in under a minute)' })
export class BenchCommand extends CommandRunner {
  async run(_args: string[], flags: BenchFlags): Promise<void> {
    const bar = process.stderr.isTTY
      ? new SingleBar({ stream: process.stderr, format: 'bench |{bar}| {value}/{total} {phase} {detail}', hideCursor: true, clearOnComplete: true })
      : null;
    let total = 0;
    try {
      const result = await runBench({
        quick: flags.quick === true,
        onPhase: (index, count, name) => {
          if (!bar) return;
          if (total === 0) bar.start((total = count), 0, { phase: name, detail: '' });
          bar.update(index, { phase: name, detail: '' });
        },
        onDetail: (detail) => bar?.update({ detail }),
      });
      bar?.update(total);
      bar?.stop();
      const files = writeArtifacts(result);
      process.stdout.write(`${JSON.stringify({ ...result, results_file: files.json })}\n`);
    } finally {
      bar?.stop();
    }
  }

  @Option({ flags: '--quick', description: 'small sizes and short runs (under a minute)' })
  parseQuick(): boolean {
    return true;
  }
}

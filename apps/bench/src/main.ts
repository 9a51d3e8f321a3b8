import { SingleBar } from 'cli-progress';
import { runPipelineBench } from './pipeline-phase.js';
import { measureHttp } from './http.js';
import { httpRatios } from './stats.js';
import { runBench, writeArtifacts } from './run-bench.js';

const USAGE = `Usage: npm run bench [-- --quick] [--pipeline | --http]

Measures the raw fsync floor, the OpenCase pipeline at rising concurrency, HTTP, rebuild, verify and
register queries in one run; prints one JSON object on stdout and writes it to bench/results/, and the
throughput plot to docs/pipeline-throughput.svg. --quick: small sizes and short runs (under a minute).
--pipeline: the floor and the pipeline phase alone, printed only (to compare or profile one change).
--http: the HTTP phase alone (GET /health, then POST /v1/cases, on one server), printed only, with the
write-to-health ratio of that run.
`;

/**
 * `npm run bench`: the benchmark is an application of its own, because it measures the whole server
 * (it starts the API); the `ledger` command line stays free of the HTTP application.
 */
async function main(argv: readonly string[]): Promise<void> {
  const unknown = argv.filter((arg) => arg !== '--quick' && arg !== '--pipeline' && arg !== '--http');
  if (unknown.includes('--help') || unknown.includes('-h')) {
    process.stdout.write(USAGE);
    return;
  }
  if (unknown.length > 0) {
    process.stderr.write(`bench: unknown argument ${unknown[0]}\n${USAGE}`);
    process.exit(2);
  }
  if (argv.includes('--pipeline')) {
    process.stdout.write(`${JSON.stringify(await runPipelineBench({ quick: argv.includes('--quick') }))}\n`);
    return;
  }
  if (argv.includes('--http')) {
    const http = await measureHttp({ durationSeconds: argv.includes('--quick') ? 2 : 5, connections: 64, startTimeoutMs: 30_000 });
    const figures = {
      ...http,
      ...httpRatios(http),
    };
    process.stdout.write(`${JSON.stringify(figures)}\n`);
    return;
  }
  const bar = process.stderr.isTTY
    ? new SingleBar({ stream: process.stderr, format: 'bench |{bar}| {value}/{total} {phase} {detail}', hideCursor: true, clearOnComplete: true })
    : null;
  let total = 0;
  try {
    const result = await runBench({
      quick: argv.includes('--quick'),
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

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

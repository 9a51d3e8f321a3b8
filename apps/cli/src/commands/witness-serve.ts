import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TlogWitness } from '@ledger/ledger';
import { CliError } from '../ledger-session.js';

export interface WitnessServeFlags {
  state?: string;
  port?: number;
  name?: string;
  logKey?: string[];
}

/** A request body larger than this is not a checkpoint with a proof (63 lines of 45 bytes, a few signatures). */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * `ledger witness serve --state DIR --port N [--name NAME] [--log-key KEY]…`: an independent C2SP
 * tlog-witness (the auditor's, counsel's, a neighbouring library's). The ledger POSTs each new
 * checkpoint to `/add-checkpoint` with a consistency proof; the witness answers with its
 * `cosignature/v1` line only when the checkpoint extends what it holds (see `TlogWitness`). It runs
 * until stopped (SIGTERM, SIGINT).
 */
export async function serveWitness(flags: WitnessServeFlags): Promise<void> {
  if (!flags.state || flags.port === undefined) throw new CliError('witness serve needs --state and --port');
  let witness: TlogWitness;
  try {
    witness = TlogWitness.open(flags.state, { ...(flags.name ? { name: flags.name } : {}), logKeys: flags.logKey ?? [] });
  } catch (error) {
    throw new CliError(`witness serve: ${(error as Error).message}`);
  }
  if (Object.keys(witness.logs).length === 0) throw new CliError('witness serve: no log to follow yet: pass the log’s verifier key with --log-key (GET /v1/ledger/public-key, better handed over in person)');
  const server = createServer((request, response) => {
    const answer = (status: number, body: string, contentType = 'text/plain; charset=utf-8') => response.writeHead(status, { 'Content-Type': contentType }).end(body);
    if (new URL(request.url ?? '/', 'http://witness').pathname !== '/add-checkpoint') return answer(404, 'Not found\n');
    if (request.method !== 'POST') return answer(405, 'POST only\n');
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => {
      if (size > MAX_BODY_BYTES) return answer(413, 'Too large\n');
      witness.addCheckpoint(Buffer.concat(chunks).toString('utf8')).then(
        (result) => answer(result.status, result.body, result.contentType),
        (error: unknown) => answer(500, `The witness could not keep its state: ${(error as Error).message}\n`),
      );
    });
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(flags.port, resolve));
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`Witness ${witness.verifierKey} listening on port ${port}, following ${Object.keys(witness.logs).join(', ')}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      server.close(() => resolve());
      server.closeAllConnections();
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a TCP port, not "${value}"`);
  return port;
}

/** A verifier key given as itself or as a file holding one (a key has '+' in it, a file name need not). */
export function verifierKeyArgument(value: string): string {
  return value.includes('+') ? value : readFileSync(value, 'utf8').trim();
}

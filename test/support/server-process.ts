import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const API_ENTRY = resolve(REPO_ROOT, 'dist/apps/api/src/main.js');
export const CLI_ENTRY = resolve(REPO_ROOT, 'dist/apps/cli/src/main.js');

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly baseUrl: string;
  /** Everything the server printed. */
  output(): string;
  /** Resolves with the exit code or signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs the built server (`npm run build` first) as a child process and waits until /health answers. */
export async function startServerProcess(env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<ServerProcess> {
  // A port found free can be taken by another spec's server before this one binds it (jest runs spec
  // files side by side): that child exits with EADDRINUSE while the other answers /health. So a start
  // counts only once this child has said it listens, and a lost port is tried again with another.
  for (let attempt = 1; ; attempt++) {
    const started = await startOnFreePort(env, timeoutMs);
    if (started !== 'port-taken') return started;
    if (attempt === 5) throw new Error('Five ports found free were taken before the server could bind them');
  }
}

async function startOnFreePort(env: NodeJS.ProcessEnv, timeoutMs: number): Promise<ServerProcess | 'port-taken'> {
  const port = await freePort();
  const child = spawn(process.execPath, [API_ENTRY], {
    // Second factors are required only where a spec asks (`env`): the others sign every role in by password.
    // The mail outbox runs every day at most: a spec that counts the ledger's events meets no outbox run between them.
    env: { ...process.env, LEDGER_MFA_REQUIRED_ROLES: '', LEDGER_MAIL_INTERVAL_SECONDS: '86400', ...env, PORT: String(port), NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      if (printed.includes('EADDRINUSE')) return 'port-taken';
      throw new Error(`Server exited during start-up:\n${printed}`);
    }
    try {
      const response = await fetch(`${baseUrl}/health`);
      if (response.ok && printed.includes('listening on')) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Server did not answer /health within ${timeoutMs} ms:\n${printed}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, baseUrl, output: () => printed, exited };
}

/** Runs the built CLI and returns its exit code and output. */
export function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI_ENTRY, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => done({ code, stdout, stderr }));
  });
}

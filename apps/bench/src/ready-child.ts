/**
 * The processes the bench starts beside itself: the built API server and the EventStoreDB protocol test
 * server. Each binds a port of the kernel's choosing and prints a line saying where it listens, so the
 * bench never picks a port that another process may take first.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ReadyChild {
  readonly child: ChildProcess;
  /** The first group of the line by which the child said it was ready (its port, its connection string). */
  readonly announced: string;
  /** SIGTERM, SIGKILL ten seconds later if it is still there; resolves once it has exited. */
  stop(): Promise<void>;
}

function cpuSeconds(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Math.round((Number(fields[11]) + Number(fields[12])) / 100);
  } catch {
    return null;
  }
}

export async function startReadyChild(entry: string, args: readonly string[], env: NodeJS.ProcessEnv, ready: RegExp, timeoutMs: number): Promise<ReadyChild> {
  const child = spawn(process.execPath, [entry, ...args], { env: { ...process.env, ...env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  let printed = '';
  try {
    const announced = await new Promise<string>((done, fail) => {
      const timer = setTimeout(
        () => fail(new Error(`${entry} was not ready within ${timeoutMs / 1000} s (its CPU ${cpuSeconds(child.pid)} s); output: ${printed.slice(-300) || 'none'}`)),
        timeoutMs,
      );
      const settle = (outcome: () => void): void => {
        clearTimeout(timer);
        outcome();
      };
      child.stdout.on('data', (chunk: Buffer) => {
        printed += chunk.toString();
        const match = ready.exec(printed);
        if (match) settle(() => done(match[1]));
      });
      child.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
      child.once('error', (error) => settle(() => fail(error)));
      child.once('exit', () => settle(() => fail(new Error(`${entry} exited during start-up:\n${printed}`))));
    });
    return { child, announced, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

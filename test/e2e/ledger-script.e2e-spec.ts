import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { CLI_ENTRY, REPO_ROOT } from '../support/server-process.js';

/** Issue 11, point 5: `npm run ledger` runs the built CLI; it does not rebuild `dist/` (under a running server) on every call. */
describe('npm run ledger', () => {
  it('runs the built command line without rebuilding it, and calls itself ledger', async () => {
    const builtAt = statSync(CLI_ENTRY).mtimeMs;
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((done) => {
      execFile('npm', ['run', '-s', 'ledger', '--', '--help'], { cwd: REPO_ROOT, timeout: 120_000 }, (error, out) =>
        done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout: out }),
      );
    });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: ledger \[options\] \[command\]/m);
    expect(stdout).not.toMatch(/Usage: main/);
    expect(statSync(CLI_ENTRY).mtimeMs).toBe(builtAt);
  }, 150_000);
});

import type { INestApplication } from '@nestjs/common';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import type { Role } from '@ledger/domain';
import { loadHttpConfig, loadLedgerConfig, type LedgerConfig } from '@ledger/ledger';
import { createLedgerApp } from '../../apps/api/src/create-app.js';
import { type Clock, LIVE_VIEWS } from '../../apps/api/src/infrastructure/tokens.js';
import { makeTempDir } from './temp-dir.js';
import { ViewsWorker } from '@ledger/runtime';

/** A clock a test can set and move. */
export class TestClock implements Clock {
  constructor(private current = new Date()) {}
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string | Date): void {
    this.current = new Date(iso);
  }
  advanceMinutes(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}

export interface LedgerAppHarness {
  readonly app: INestApplication;
  readonly http: ReturnType<typeof request>;
  readonly config: LedgerConfig;
  readonly clock: TestClock;
  readonly adminToken: string;
  /** Registers a user through the API and returns its id and token. */
  user(role: Role, name?: string): Promise<{ userId: string; token: string }>;
  close(): Promise<void>;
}

/**
 * Where the in-process app applies its views: on this thread, or (the `e2e (views worker)` jest
 * project) on the worker thread as the server does, running the compiled worker script from `dist`.
 */
const viewsOnWorker = process.env.LEDGER_E2E_VIEWS_THREAD === 'worker';
const COMPILED_VIEWS_WORKER = resolve(import.meta.dirname, '../../dist/libs/runtime/src/views/views-worker.entry.js');

/** The real application on a fresh embedded data dir, served in-process for supertest. */
export async function startLedgerApp(
  options: { env?: NodeJS.ProcessEnv; clock?: TestClock; dataDir?: string; /** for an instance that did not bootstrap the ledger */ adminToken?: string } = {},
): Promise<LedgerAppHarness> {
  const temp = options.dataDir ? null : makeTempDir('ledger-e2e-');
  const dataDir = options.dataDir ?? temp!.dir;
  const config = loadLedgerConfig({ LEDGER_DATA_DIR: dataDir, PORT: '0', LEDGER_VIEWS_THREAD: viewsOnWorker ? 'worker' : 'main', ...options.env });
  const clock = options.clock ?? new TestClock();
  if (viewsOnWorker && !existsSync(COMPILED_VIEWS_WORKER)) throw new Error(`${COMPILED_VIEWS_WORKER} is missing: run npm run build first (npm test does)`);
  // The test clock stands still, so a spec's sign-ins all fall in one minute: the per-address limit is the throttling spec's to set.
  // Second factors are the second-factor specs' to require: other journeys sign the director, counsel and admin in by password.
  // The mail outbox runs when a spec asks (MailScheduler.runOnce), not in the middle of a spec that counts the ledger's events.
  const httpConfig = loadHttpConfig({ PORT: '0', LEDGER_SIGNIN_ATTEMPTS_PER_MINUTE: '100000', LEDGER_MFA_REQUIRED_ROLES: '', LEDGER_MAIL_INTERVAL_SECONDS: '86400', ...options.env });
  const app = await createLedgerApp({ config, http: httpConfig, clock, logger: false, viewsWorkerEntry: viewsOnWorker ? COMPILED_VIEWS_WORKER : undefined });
  await app.init();
  if (viewsOnWorker !== app.get(LIVE_VIEWS) instanceof ViewsWorker) throw new Error(`The views were meant to run on ${viewsOnWorker ? 'the worker' : 'this'} thread`);
  const http = request(app.getHttpServer());
  const adminToken = options.adminToken ?? readFileSync(config.paths.adminToken, 'utf8').trim();
  let counter = 0;
  return {
    app,
    http,
    config,
    clock,
    adminToken,
    async user(role, name) {
      counter += 1;
      const response = await http
        .post('/v1/users')
        .set('Authorization', `Bearer ${adminToken}`)
        .send({ name: name ?? `${role} ${counter}`, role });
      if (response.status !== 201) throw new Error(`Could not create a ${role}: ${response.status} ${JSON.stringify(response.body)}`);
      return { userId: response.body.userId, token: response.body.token };
    },
    async close() {
      await app.close();
      temp?.remove();
    },
  };
}

/**
 * The web application's two busiest pages against the JSON queries they wrap, in the same run on the
 * same data: the director's case board (`GET /board` vs `GET /v1/director/cases`) and the auditor's
 * register (`GET /audit/register` vs `GET /v1/audit/disclosures`). The app runs in this process over a
 * data dir of generated cases, listening on loopback; each round asks the page and its query one after
 * the other, so both see the same machine (issue 16 point 11: page p99 within 2× of the query's).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { LedgerWriter, loadHttpConfig, loadLedgerConfig, ProtectedFields, SqliteEventStore } from '@ledger/ledger';
import { createLedgerApp } from '../../api/src/create-app.js';
import { generateCases, patronPool } from './dataset.js';
import { percentile, ratio, round } from './stats.js';

export interface PagePair {
  readonly page: string;
  readonly json: string;
}

export const PAGE_PAIRS = {
  board: { page: '/board', json: '/v1/director/cases?limit=50' },
  register: { page: '/audit/register', json: '/v1/audit/disclosures?limit=50' },
} as const satisfies Record<string, PagePair>;

export interface PageFigures {
  readonly cases: number;
  readonly events: number;
  readonly rounds: number;
  readonly [pair: string]: number | { page_p50_ms: number; page_p99_ms: number; json_p50_ms: number; json_p99_ms: number; page_to_json_p99: number | null };
}

/** A signed-in browser, as far as the server can tell: the session cookie. */
class Session {
  private cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(`${this.base}${path}`, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  }

  async form(path: string, fields: Record<string, string>): Promise<Response> {
    const page = await this.fetch(path);
    const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
    if (!token) throw new Error(`No form at ${path} (${page.status})`);
    return this.fetch(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: token, ...fields }).toString() });
  }
}

async function person(base: string, adminToken: string, role: string, username: string): Promise<{ token: string; session: Session }> {
  const admin = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
  const created = await fetch(`${base}/v1/users`, { method: 'POST', headers: admin, body: JSON.stringify({ name: `Bench ${role}`, role, username }) });
  if (created.status !== 201) throw new Error(`POST /v1/users answered ${created.status}`);
  const { userId, token } = (await created.json()) as { userId: string; token: string };
  const link = (await (await fetch(`${base}/v1/users/${userId}/enrollment`, { method: 'POST', headers: admin, body: '{}' })).json()) as { enrollmentUrl: string };
  const password = `bench passphrase for ${username}`;
  const session = new Session(base);
  const set = await session.form(new URL(link.enrollmentUrl).pathname, { password, confirmation: password });
  if (set.status !== 303) throw new Error(`Setting the password answered ${set.status}`);
  const signedIn = await session.form('/sign-in', { username, password });
  if (signedIn.status !== 303) throw new Error(`Signing in answered ${signedIn.status}`);
  return { token, session };
}

async function timed(request: () => Promise<Response>, what: string): Promise<number> {
  const started = performance.now();
  const response = await request();
  await response.arrayBuffer();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`${what} answered ${response.status}`);
  return ms;
}

export async function measurePages(options: { cases: number; rounds: number; onDetail?: (text: string) => void }): Promise<PageFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-pages-'));
  let app: INestApplication | null = null;
  try {
    const config = loadLedgerConfig({ LEDGER_DATA_DIR: dir, LEDGER_TIME_CHECKS: 'false' });
    // The cases first, written as the ledger writes them, with the keys the app will open.
    const store = SqliteEventStore.open(config.paths.events);
    const protectedFields = ProtectedFields.open({ keysFile: config.paths.keys, blindIndexKeyFile: config.paths.blindIndexKey });
    let generated: { cases: number; events: number };
    try {
      generated = await generateCases(new LedgerWriter(store), await patronPool(protectedFields, 2000), { cases: options.cases });
    } finally {
      await store.close();
      protectedFields.close();
    }
    options.onDetail?.(`pages: ${generated.cases} cases, starting the app`);
    app = await createLedgerApp({ config, http: loadHttpConfig({ PORT: '0', LEDGER_MFA_REQUIRED_ROLES: '' }), logger: false });
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}`;
    const adminToken = readFileSync(config.paths.adminToken, 'utf8').trim();
    const director = await person(base, adminToken, 'director', 'bench.director');
    const auditor = await person(base, adminToken, 'auditor', 'bench.auditor');

    // Wait until the views hold every generated case: the query waits for its `minPosition`.
    const head = ((await (await fetch(`${base}/health`)).json()) as { position: string }).position;
    for (let status = 503; status === 503; ) {
      options.onDetail?.('pages: waiting for the views to catch up');
      status = (await fetch(`${base}/v1/director/cases?limit=1&minPosition=${head}`, { headers: { authorization: `Bearer ${director.token}` } })).status;
      if (status !== 200 && status !== 503) throw new Error(`Waiting for the views: ${status}`);
    }

    const who = { board: director, register: auditor };
    const samples: Record<string, { page: number[]; json: number[] }> = {};
    for (let r = 0; r < options.rounds; r++) {
      for (const [name, pair] of Object.entries(PAGE_PAIRS) as [keyof typeof PAGE_PAIRS, PagePair][]) {
        const { token, session } = who[name];
        const page = await timed(() => session.fetch(pair.page), pair.page);
        const json = await timed(() => fetch(`${base}${pair.json}`, { headers: { authorization: `Bearer ${token}` } }), pair.json);
        // The first rounds warm caches and compile templates.
        if (r < 3) continue;
        (samples[name] ??= { page: [], json: [] }).page.push(page);
        samples[name].json.push(json);
      }
    }
    const figures: Record<string, unknown> = { cases: generated.cases, events: generated.events, rounds: options.rounds - 3 };
    for (const [name, { page, json }] of Object.entries(samples)) {
      const pageP99 = percentile(page, 99)!;
      const jsonP99 = percentile(json, 99)!;
      figures[name] = {
        page_p50_ms: round(percentile(page, 50)!, 2),
        page_p99_ms: round(pageP99, 2),
        json_p50_ms: round(percentile(json, 50)!, 2),
        json_p99_ms: round(jsonP99, 2),
        page_to_json_p99: ratio(pageP99, jsonP99, 2),
      };
    }
    return figures as PageFigures;
  } finally {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

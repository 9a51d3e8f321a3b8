import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bearer, patronRef } from '../support/http-flows.js';
import { type LedgerAppHarness, startLedgerApp } from '../support/ledger-app.harness.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { makeTempDir } from '../support/temp-dir.js';

const METRICS_TOKEN = 'metrics-token-0123456789abcdef0123456789abcdef';

/** The value of one series in a Prometheus text answer (null: no such series). */
function sample(text: string, series: string): number | null {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? null : Number(line.slice(series.length + 1));
}

/**
 * `GET /metrics` in the Prometheus text format, for LEDGER_METRICS_TOKEN only (or alone on
 * LEDGER_METRICS_PORT): requests by route pattern and status, commands by outcome and rule, sign-ins,
 * the views' and the log's lag and the integrity alarm.
 */
describe('metrics', () => {
  let ledger: LedgerAppHarness;
  beforeAll(async () => {
    ledger = await startLedgerApp({ env: { LEDGER_METRICS_TOKEN: METRICS_TOKEN } });
  });
  afterAll(async () => {
    await ledger.close();
  });

  const scrape = async () => {
    const answer = await ledger.http.get('/metrics').set(bearer(METRICS_TOKEN)).expect(200);
    expect(answer.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return answer.text;
  };

  it('answers only the metrics token', async () => {
    await ledger.http.get('/metrics').expect(401);
    await ledger.http.get('/metrics').set(bearer(ledger.adminToken)).expect(401);
    await scrape();
  });

  it('counts requests by route pattern and status, commands by outcome with the refusal rule, and sign-ins', async () => {
    const staff = await ledger.user('staff');
    const opened = await ledger.http
      .post('/v1/cases')
      .set(bearer(staff.token))
      .send({ requester: { kind: 'public_records', name: 'FOIA desk' }, channel: 'in_person', patron: { ref: patronRef() }, identification: [], requestedCategories: ['name'] })
      .expect(201);
    const caseId = opened.body.caseId as string;
    await ledger.http.post(`/v1/cases/${caseId}/releases`).set(bearer(staff.token)).send({ categories: ['name'], method: 'mail' }).expect(422);
    await ledger.http.get(`/v1/cases/${caseId}`).set(bearer(staff.token)).expect(200);
    const form = await ledger.http.get('/sign-in').expect(200);
    const cookie = (form.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
    await ledger.http.post('/sign-in').set('Cookie', cookie).type('form').send({ _csrf: csrf, username: 'nobody.here', password: 'not a password at all' }).expect(401);

    const text = await scrape();
    expect(sample(text, 'ledger_http_requests_total{method="GET",route="/v1/cases/:caseId",status="200"}')).toBe(1);
    expect(text).not.toContain(caseId); // route patterns, never paths with ids
    expect(sample(text, 'ledger_commands_total{command="POST /v1/cases",outcome="accepted",rule=""}')).toBe(1);
    expect(sample(text, 'ledger_commands_total{command="POST /v1/cases/:caseId/releases",outcome="refused",rule="RELEASE-SCOPE"}')).toBe(1);
    expect(sample(text, 'ledger_sign_ins_total{outcome="wrong_credentials"}')).toBe(1);
    expect(sample(text, 'ledger_http_request_duration_seconds_count{method="GET",route="/v1/cases/:caseId",status="200"}')).toBe(1);
    expect(text).not.toContain('nobody.here');
    expect(sample(text, 'ledger_integrity_alarm')).toBe(0);
    expect(sample(text, 'ledger_store_head_position')).toBeGreaterThan(0);
    const transactions = sample(text, 'ledger_event_store_transactions_total')!;
    expect(transactions).toBeGreaterThan(0);
    expect(sample(text, 'ledger_appends_total')).toBeGreaterThanOrEqual(transactions);
    expect(sample(text, 'ledger_events_appended_total')).toBeGreaterThanOrEqual(sample(text, 'ledger_appends_total')!);
    for (const gauge of ['ledger_views_lag_positions', 'ledger_log_lag_positions', 'ledger_log_unsigned_entries']) {
      expect([gauge, sample(text, gauge)]).toEqual([gauge, expect.any(Number)]);
    }
  });

  it('serves the metrics without a token on LEDGER_METRICS_PORT, and not on the API port', async () => {
    const temp = makeTempDir('ledger-metrics-port-');
    let server: ServerProcess | undefined;
    try {
      const metricsPort = 20_000 + Math.floor(Math.random() * 20_000);
      server = await startServerProcess({ LEDGER_DATA_DIR: temp.dir, LEDGER_METRICS_PORT: String(metricsPort) });
      const token = readFileSync(join(temp.dir, 'admin-token'), 'utf8').trim();
      const created = await fetch(`${server.baseUrl}/v1/users`, { method: 'POST', headers: { ...bearer(token), 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'Metric Staff', role: 'staff' }) });
      expect(created.status).toBe(201);
      const metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
      expect(metrics.status).toBe(200);
      expect(sample(await metrics.text(), 'ledger_commands_total{command="POST /v1/users",outcome="accepted",rule=""}')).toBe(1);
      expect((await fetch(`${server.baseUrl}/metrics`)).status).not.toBe(200);
    } finally {
      if (server) {
        server.child.kill('SIGTERM');
        await server.exited;
      }
      temp.remove();
    }
  }, 60_000);
});

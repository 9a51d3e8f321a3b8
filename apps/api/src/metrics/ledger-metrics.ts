import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { type EventStore, type LedgerLog, SqliteEventStore } from '@ledger/ledger';
import type { LiveViews } from '@ledger/runtime';
import { PROBLEM_RULE_LOCAL } from '../http/problem-details.js';


const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A command's outcome by its answer: what an operator alerts on differs for each. */
function commandOutcome(status: number): string {
  if (status < 400) return 'accepted';
  if (status === 400) return 'invalid';
  if (status === 401 || status === 403 || status === 429) return 'denied';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 422) return 'refused';
  return status >= 500 ? 'failed' : 'rejected';
}

/** The sign-in form's answers: 303 to the home page, 401 wrong username or password, 429 locked. */
function signInOutcome(status: number): string {
  if (status === 303) return 'succeeded';
  if (status === 401) return 'wrong_credentials';
  if (status === 429) return 'locked';
  return 'rejected';
}

const position = (value: bigint | null | undefined): number => (value === null || value === undefined ? 0 : Number(value));

/**
 * The server's Prometheus metrics (prom-client, a registry of its own): HTTP requests by route and
 * status and their latency, commands by route and outcome (with the rule id of a refusal), appends
 * and group commits of the embedded store, sign-in outcomes, and, read when scraped, how far the views and the log are
 * behind the store and whether the integrity alarm is up. Labels carry route patterns, never paths
 * with ids, and never a patron reference, token or username.
 */
export class LedgerMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly latency: Histogram<'method' | 'route' | 'status'>;
  private readonly commands: Counter<'command' | 'outcome' | 'rule'>;
  private readonly signIns: Counter<'outcome'>;

  constructor(store: EventStore, views: LiveViews, log: LedgerLog) {
    const registers = [this.registry];
    this.requests = new Counter({ name: 'ledger_http_requests_total', help: 'HTTP requests answered, by method, route pattern and status', labelNames: ['method', 'route', 'status'], registers });
    this.latency = new Histogram({
      name: 'ledger_http_request_duration_seconds',
      help: 'Time from a request arriving to its answer being sent, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.commands = new Counter({
      name: 'ledger_commands_total',
      help: 'Commands (API writes) by route pattern and outcome; rule is the policy rule id of a refusal, else empty',
      labelNames: ['command', 'outcome', 'rule'],
      registers,
    });
    this.signIns = new Counter({ name: 'ledger_sign_ins_total', help: 'Web sign-in attempts by outcome', labelNames: ['outcome'], registers });
    if (store instanceof SqliteEventStore) {
      // The embedded store counts its own group commits; appends per transaction is the group-commit size.
      const totals: readonly [string, string, keyof SqliteEventStore['stats']][] = [
        ['ledger_event_store_transactions_total', 'Transactions of the embedded store: one fsync for each group of appends committed together', 'transactions'],
        ['ledger_appends_total', 'Appends to the embedded store (a command\u2019s events, or none when a retry found them written)', 'appendRequests'],
        ['ledger_events_appended_total', 'Events written to the embedded store', 'eventsWritten'],
      ];
      for (const [name, help, key] of totals) {
        new Counter({
          name,
          help,
          registers,
          collect() {
            this.reset();
            this.inc(store.stats[key]);
          },
        });
      }
    }
    new Gauge({
      name: 'ledger_store_head_position',
      help: 'The store\u2019s $all head position (on the embedded store, the number of events)',
      registers,
      async collect() {
        this.set(position(await store.headPosition()));
      },
    });
    new Gauge({
      name: 'ledger_views_lag_positions',
      help: 'How far the views are behind the store\u2019s head, in $all positions (events, on the embedded store)',
      registers,
      async collect() {
        this.set(Math.max(0, position(await store.headPosition()) - position(views.checkpoint)));
      },
    });
    new Gauge({
      name: 'ledger_log_lag_positions',
      help: 'How far the verifiable log\u2019s last leaf is behind the store\u2019s head, in $all positions (events, on the embedded store)',
      registers,
      async collect() {
        const last = log.size === 0 ? null : log.store.leafAt(log.size - 1)?.position;
        this.set(Math.max(0, position(await store.headPosition()) - position(last)));
      },
    });
    new Gauge({
      name: 'ledger_log_unsigned_entries',
      help: 'Entries of the verifiable log not yet under a signed checkpoint',
      registers,
      collect() {
        this.set(log.size - (log.latestCheckpoint()?.size ?? 0));
      },
    });
    new Gauge({
      name: 'ledger_integrity_alarm',
      help: '1 once the events contradict the verifiable log (writes are refused), else 0',
      registers,
      collect() {
        this.set(log.alarm.raised ? 1 : 0);
      },
    });
  }

  /** Express middleware, before every route: times each request and counts it when its answer is sent. */
  readonly observe: RequestHandler = (request: Request, response: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      // The route pattern (`/v1/cases/:caseId`), never the path: ids would make a series per case.
      const route = (request.route as { path?: string } | undefined)?.path ?? 'unmatched';
      const labels = { method: request.method, route, status: String(response.statusCode) };
      this.requests.inc(labels);
      this.latency.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
      if (request.method === 'POST' && route === '/sign-in') this.signIns.inc({ outcome: signInOutcome(response.statusCode) });
      if (WRITE_METHODS.has(request.method) && route.startsWith('/v1/')) {
        const rule: unknown = response.locals[PROBLEM_RULE_LOCAL];
        this.commands.inc({ command: `${request.method} ${route}`, outcome: commandOutcome(response.statusCode), rule: typeof rule === 'string' ? rule : '' });
      }
    });
    next();
  };

  /** `GET /metrics` on the API's port: the text format, only for `Authorization: Bearer <token>`. */
  handler(token: string): RequestHandler {
    const expected = createHash('sha256').update(token).digest();
    return (request, response, next) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') return next();
      const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
      // Compared as digests, in constant time: the answer's timing says nothing of the token.
      if (!timingSafeEqual(createHash('sha256').update(given).digest(), expected)) {
        response.status(401).setHeader('WWW-Authenticate', 'Bearer realm="metrics"').type('text/plain').send('The metrics need LEDGER_METRICS_TOKEN as a bearer token\n');
        return;
      }
      this.registry.metrics().then(
        (text) => response.status(200).type(this.registry.contentType).send(text),
        (error: unknown) => next(error),
      );
    };
  }

}

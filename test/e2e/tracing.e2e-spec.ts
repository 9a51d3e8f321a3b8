import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { makeTempDir } from '../support/temp-dir.js';
import { type ServerProcess, startServerProcess } from '../support/server-process.js';

/** One span as OTLP/JSON carries it (ids in hex). */
interface ReceivedSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  readonly attributes?: { key: string; value: Record<string, unknown> }[];
}

/**
 * A real OTLP/HTTP receiver on loopback: it takes what the exporter POSTs to /v1/traces (JSON, the
 * exporter's default, or protobuf, kept raw) and answers 200 as a collector does.
 */
class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  /** Every body received, as sent, to search for what must never be in a span. */
  readonly raw: Buffer[] = [];
  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      if (request.method === 'POST' && request.url === '/v1/traces') {
        this.raw.push(body);
        if ((request.headers['content-type'] ?? '').includes('json')) {
          const decoded = JSON.parse(body.toString('utf8')) as { resourceSpans?: { scopeSpans?: { spans?: ReceivedSpan[] }[] }[] };
          for (const resource of decoded.resourceSpans ?? []) for (const scope of resource.scopeSpans ?? []) this.spans.push(...(scope.spans ?? []));
        }
      }
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((done) => this.server.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async until<T>(found: () => T | undefined, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = found();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`Not received within ${timeoutMs} ms; spans: ${this.spans.map((span) => span.name).join(', ')}`);
      await new Promise((tick) => setTimeout(tick, 100));
    }
  }

  stop(): Promise<void> {
    return new Promise((done) => this.server.close(() => done()));
  }
}

describe('tracing over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set', () => {
  const temp = makeTempDir('ledger-tracing-');
  const receiver = new OtlpReceiver();
  let server: ServerProcess;

  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    await receiver.stop();
    temp.remove();
  });

  it('exports, for one POST, the request span and under it the command span with its protect, decide and append steps; no patron reference or token in any', async () => {
    const endpoint = await receiver.start();
    // Batched for a minute: what arrives was exported when the server shut down.
    server = await startServerProcess({ LEDGER_DATA_DIR: temp.dir, OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_BSP_SCHEDULE_DELAY: '60000' });
    expect(server.output()).toContain(`traces to ${endpoint}`);
    const adminToken = readFileSync(`${temp.dir}/admin-token`, 'utf8').trim();
    const post = (path: string, token: string, body: object) =>
      fetch(`${server.baseUrl}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const staff = await post('/v1/users', adminToken, { name: 'Sam Staff', role: 'staff' });
    expect(staff.status).toBe(201);
    const staffToken = ((await staff.json()) as { token: string }).token;
    const patronRef = 'PATRON-TRACE-5550142';

    const opened = await post('/v1/cases', staffToken, {
      requester: { kind: 'patron', name: 'Pat Tracer' }, channel: 'in_person', patron: { ref: patronRef },
      requestedCategories: ['checkouts'], identification: [{ kind: 'library_card' }],
    });
    expect(opened.status).toBe(201);
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);

    const command = await receiver.until(() => receiver.spans.find((span) => span.name === 'command OpenCase'));
    const request = receiver.spans.find((span) => span.spanId === command.parentSpanId);
    expect(request?.name).toBe('POST /v1/cases');
    const attributes = Object.fromEntries((request?.attributes ?? []).map(({ key, value }) => [key, Object.values(value)[0]]));
    expect(attributes).toEqual(expect.objectContaining({ 'http.request.method': 'POST', 'http.route': '/v1/cases', 'http.response.status_code': 201 }));
    const steps = await receiver.until(() => {
      const children = receiver.spans.filter((span) => span.parentSpanId === command.spanId).map((span) => span.name);
      return ['protect', 'decide', 'append'].every((step) => children.includes(step)) ? children : undefined;
    });
    // Protected first, decided, then appended: the steps in the order they ran (load comes between).
    expect(steps.filter((step) => step !== 'load')).toEqual(['protect', 'decide', 'append']);
    expect(Object.fromEntries((command.attributes ?? []).map(({ key, value }) => [key, Object.values(value)[0]]))).toEqual({ 'ledger.command': 'OpenCase', 'ledger.stream.kind': 'case', 'ledger.outcome': 'recorded' });
    expect(new Set([command, ...receiver.spans.filter((span) => span.parentSpanId === command.spanId)].map((span) => span.traceId))).toEqual(new Set([request!.traceId]));
    // The other commands have their own spans: registering the user was one.
    const registered = receiver.spans.find((span) => span.name === 'command RegisterUser');
    expect(registered).toBeDefined();
    expect(registered!.traceId).not.toBe(request!.traceId);

    const exported = Buffer.concat(receiver.raw).toString('utf8');
    for (const secret of [patronRef, adminToken, staffToken, staffToken.slice(3, 23)]) expect(exported).not.toContain(secret);
  }, 60_000);
});

import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { makeTempDir } from '../support/temp-dir.js';
import { runCli, type ServerProcess, startServerProcess } from '../support/server-process.js';

/**
 * SIGTERM drains: the server stops accepting connections, lets the requests in flight finish (for at
 * most LEDGER_SHUTDOWN_GRACE_SECONDS), answers 503 to a request that still arrives on an open
 * connection, then closes the stores and exits 0. The real server runs as a child process.
 */
describe('graceful shutdown on SIGTERM', () => {
  const temps: { dir: string; remove: () => void }[] = [];
  const servers: ServerProcess[] = [];

  const start = async (dir: string, env: NodeJS.ProcessEnv = {}) => {
    const server = await startServerProcess({ LEDGER_DATA_DIR: dir, ...env }, 120_000);
    servers.push(server);
    return server;
  };
  const dataDir = () => {
    const temp = makeTempDir('ledger-drain-');
    temps.push(temp);
    return temp.dir;
  };
  const eventCount = async (dir: string) => {
    const verify = await runCli(['verify', '--json'], { LEDGER_DATA_DIR: dir });
    expect(verify.code).toBe(0);
    return (JSON.parse(verify.stdout) as { events: number }).events;
  };
  const waitFor = async (condition: () => boolean, what: string, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  afterAll(async () => {
    for (const server of servers) {
      if (server.child.exitCode === null && server.child.signalCode === null) {
        server.child.kill('SIGKILL');
        await server.exited;
      }
    }
    for (const temp of temps) temp.remove();
  });

  it('finishes the command in flight, refuses the one that arrives meanwhile with 503, refuses new connections, and exits 0', async () => {
    const dir = dataDir();
    const server = await start(dir);
    const adminToken = readFileSync(`${dir}/admin-token`, 'utf8').trim();
    const { port } = new URL(server.baseUrl);
    const eventsBefore = 2; // the first admin and its token

    // A: a command whose body is half sent. `Expect: 100-continue` makes the server say when the request has
    // reached the application, so the drain must count it as in flight.
    const body = JSON.stringify({ name: 'Written during the drain', role: 'staff' });
    const inFlight = await RawExchange.open(Number(port));
    inFlight.write(
      `POST /v1/users HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${adminToken}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\n\r\n`,
    );
    await waitFor(() => inFlight.received().startsWith('HTTP/1.1 100 Continue'), 'the 100 Continue');
    inFlight.write(body.slice(0, 10));

    // B: a connection on which the next request has begun but its headers are not complete yet.
    const late = await RawExchange.open(Number(port));
    late.write('POST /v1/users HTTP/1.1\r\nHost: localhost\r\n');

    server.child.kill('SIGTERM');
    await waitFor(() => server.output().includes('Shutting down: waiting up to'), 'the drain to begin');

    late.write(`Authorization: Bearer ${adminToken}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    const refused = parseResponse(await late.response());
    expect(refused.status).toBe(503);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.headers.connection).toBe('close');
    expect(JSON.parse(refused.body)).toMatchObject({ status: 503, title: 'Service unavailable', type: 'urn:disclosure-ledger:problem:shutting-down' });

    // A new connection is not accepted any more.
    await expect(RawExchange.open(Number(port))).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    inFlight.write(body.slice(10));
    const answered = parseResponse(await inFlight.response());
    expect(answered.status).toBe(201);
    expect(answered.headers.connection).toBe('close');
    const created = JSON.parse(answered.body) as { token: string };

    const exit = await server.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(server.output()).toContain('Event store closed');

    // The answered command is in the ledger; the refused one is not.
    expect(await eventCount(dir)).toBe(eventsBefore + 2);
    const again = await start(dir);
    const me = await fetch(`${again.baseUrl}/v1/me`, { headers: { Authorization: `Bearer ${created.token}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { name: string }).name).toBe('Written during the drain');
    again.child.kill('SIGTERM');
    expect(await again.exited).toEqual({ code: 0, signal: null });
  }, 240_000);

  it('waits for a request in flight no longer than the grace period, and writes nothing for it', async () => {
    const dir = dataDir();
    const server = await start(dir, { LEDGER_SHUTDOWN_GRACE_SECONDS: '2' });
    const adminToken = readFileSync(`${dir}/admin-token`, 'utf8').trim();
    const stalled = await RawExchange.open(Number(new URL(server.baseUrl).port));
    stalled.write(
      `POST /v1/users HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${adminToken}\r\nContent-Type: application/json\r\n` +
        'Content-Length: 100\r\nExpect: 100-continue\r\n\r\n',
    );
    await waitFor(() => stalled.received().startsWith('HTTP/1.1 100 Continue'), 'the 100 Continue');
    stalled.write('{"name":');

    server.child.kill('SIGTERM');
    const exit = await server.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(server.output()).toContain('1 request(s) still running after 2 s');
    await stalled.response(); // the connection was closed under the request that never finished
    expect(await eventCount(dir)).toBe(2);
  }, 240_000);

  it('under load, every command answered 201 is in the ledger after a restart, and every command written was answered', async () => {
    const dir = dataDir();
    const server = await start(dir);
    const adminToken = readFileSync(`${dir}/admin-token`, 'utf8').trim();
    const acknowledged: { token: string; name: string }[] = [];
    const refused: Response[] = [];
    const otherAnswers: number[] = [];
    let failedToConnect = 0;
    let stop = false;

    const writer = async (worker: number) => {
      for (let i = 0; !stop && i < 400; i++) {
        const name = `Staff ${worker}-${i}`;
        try {
          const response = await fetch(`${server.baseUrl}/v1/users`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ name, role: 'staff' }),
          });
          if (response.status === 201) acknowledged.push({ token: ((await response.json()) as { token: string }).token, name });
          else if (response.status === 503) refused.push(response);
          else otherAnswers.push(response.status);
        } catch {
          // No answer (connection refused, or closed before the request was read): the count below shows
          // that none of these was written.
          failedToConnect++;
          return;
        }
      }
    };
    const writers = Array.from({ length: 16 }, (_, worker) => writer(worker));
    await waitFor(() => acknowledged.length >= 60, '60 acknowledged commands', 120_000);
    server.child.kill('SIGTERM');
    const exit = await server.exited;
    stop = true;
    await Promise.all(writers);

    expect(exit).toEqual({ code: 0, signal: null });
    expect(otherAnswers).toEqual([]);
    for (const response of refused) {
      expect(response.headers.get('retry-after')).not.toBeNull();
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    // Each writer stopped at its first unanswered request or went on past the SIGTERM into refusals.
    expect(failedToConnect + refused.length).toBeGreaterThan(0);

    // Nothing written that was not answered: each registration writes exactly two events (the user and the
    // token) and this test is the only writer, so the ledger holds two per 201 and not one more. What no
    // test can prove is the last hop: an answer the server wrote into a socket that the network then lost
    // (impossible on loopback, possible behind a proxy), and a crash (SIGKILL, power) between the append and
    // the answer, which no drain can cover; a client that retries with an Idempotency-Key is safe from both.
    expect(await eventCount(dir)).toBe(2 + 2 * acknowledged.length);

    const again = await start(dir);
    for (const user of acknowledged) {
      const me = await fetch(`${again.baseUrl}/v1/me`, { headers: { Authorization: `Bearer ${user.token}` } });
      expect(me.status).toBe(200);
      expect(((await me.json()) as { name: string }).name).toBe(user.name);
    }
    again.child.kill('SIGTERM');
    expect(await again.exited).toEqual({ code: 0, signal: null });
  }, 300_000);
});

/** One raw HTTP/1.1 connection, so a test can send a request in pieces and see exactly what came back. */
class RawExchange {
  private data = '';
  private readonly closed: Promise<string>;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => (this.data += chunk.toString()));
    socket.on('error', () => undefined); // a reset shows as an early close with what arrived so far
    this.closed = new Promise((done) => socket.once('close', () => done(this.data)));
  }

  static open(port: number): Promise<RawExchange> {
    return new Promise((done, fail) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => done(new RawExchange(socket)));
      socket.once('error', fail);
    });
  }

  write(text: string): void {
    this.socket.write(text);
  }

  received(): string {
    return this.data;
  }

  /** Everything the server sent until it closed the connection. */
  response(): Promise<string> {
    return this.closed;
  }
}

function parseResponse(raw: string): { status: number; headers: Record<string, string>; body: string } {
  const final = raw.replace(/^HTTP\/1\.1 100 Continue\r\n\r\n/, '');
  const [head = '', ...rest] = final.split('\r\n\r\n');
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers = Object.fromEntries(
    headerLines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
  const body = rest.join('\r\n\r\n');
  // The answers here are small: either Content-Length or one chunk.
  const text = headers['transfer-encoding'] === 'chunked' ? body.replace(/^[0-9a-f]+\r\n/, '').replace(/\r\n0\r\n\r\n$/, '') : body;
  return { status: Number(statusLine.split(' ')[1]), headers, body: text };
}

import Database from 'better-sqlite3';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../support/temp-dir.js';
import { type ServerProcess, startServerProcess } from '../support/server-process.js';

/**
 * Issue 11, point 1. Card numbers typed where they do not belong — in a path, a query, a header —
 * must never reach the ledger: an event is immutable and hash-chained, so a leak there is forever.
 * Every route of the OpenAPI document is called by every role with card-number-shaped values in each
 * path parameter, each documented query parameter, unknown query parameters and names, and headers;
 * then every table of every database in the data dir, every byte of every file in it, and every line
 * the server printed are searched for each of them. A patron reference sent where it belongs (a body)
 * is searched for too: it may be stored only encrypted.
 */
describe('no card number reaches the data dir or the log', () => {
  const temp = makeTempDir('ledger-leak-');
  let server: ServerProcess;

  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    temp.remove();
  });

  it('through every path, query and header of every route, refused requests included', async () => {
    server = await startServerProcess({ LEDGER_DATA_DIR: temp.dir, LEDGER_AUTH_FAILURES_PER_MINUTE: '100000' }, 90_000);
    const numbers: string[] = [];
    let counter = 0;
    // 16-digit payment-card and 14-digit library-barcode shapes, each one distinct so a leak names its request.
    const cardNumber = () => {
      const n = ++counter;
      const value = n % 2 ? `4455${String(n).padStart(12, '0')}` : `21234${String(n).padStart(9, '0')}`;
      numbers.push(value);
      return value;
    };
    const call = async (method: string, path: string, headers: Record<string, string>, body?: unknown) => {
      const response = await fetch(`${server.baseUrl}${path}`, {
        method,
        headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, text, json: (response.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : undefined };
    };

    const adminToken = readFileSync(join(temp.dir, 'admin-token'), 'utf8').trim();
    const tokens: Record<string, string> = { admin: adminToken };
    for (const role of ['staff', 'director', 'counsel', 'auditor']) {
      const created = await call('POST', '/v1/users', { Authorization: `Bearer ${adminToken}` }, { name: `A ${role}`, role });
      expect(created.status).toBe(201);
      tokens[role] = created.json.token;
    }
    // The one place a patron reference belongs: a body. It is searched for below like the rest.
    const opened = await call('POST', '/v1/cases', { Authorization: `Bearer ${tokens.staff}` }, {
      requester: { kind: 'law_enforcement', name: 'Det. Lane', agency: 'State Police' },
      channel: 'in_person',
      patron: { ref: cardNumber() },
      requestedCategories: ['circulation_history'],
      identification: [{ kind: 'officer_credentials' }],
    });
    expect(opened.status).toBe(201);
    const caseId = opened.json.caseId as string;
    // Another card of that patron, linked in a body: stored only encrypted and blind-indexed too.
    const linked = await call('POST', '/v1/patrons/identifiers', { Authorization: `Bearer ${tokens.staff}` }, { patronRef: numbers[0], identifier: cardNumber() });
    expect(linked.status).toBe(201);

    const openApi = (await call('GET', '/v1/openapi.json', {})).json as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    };
    const operations = Object.entries(openApi.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ path, method: method.toUpperCase(), parameters: operation.parameters ?? [] })),
    );
    expect(operations.length).toBeGreaterThan(30);

    const echoed: string[] = [];
    const statuses = new Set<number>();
    for (const operation of operations) {
      for (const [role, token] of Object.entries(tokens)) {
        // Twice: every path parameter a card number; then the real case id, so that the query is what is wrong.
        for (const realCase of [false, true]) {
          const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => (realCase && name === 'caseId' ? caseId : cardNumber()));
          const query = new URLSearchParams();
          for (const parameter of operation.parameters.filter((p) => p.in === 'query')) query.set(parameter.name, cardNumber());
          query.set('patronRef', cardNumber());
          query.set(cardNumber(), '1');
          const headers = {
            Authorization: `Bearer ${token}`,
            'If-Match': `"${cardNumber()}"`,
            'Idempotency-Key': cardNumber(),
            'X-Patron-Ref': cardNumber(),
            'X-Forwarded-For': cardNumber(),
          };
          const sent = numbers.slice(-20);
          const answer = await call(operation.method, `${path}?${query}`, headers, operation.method === 'GET' || operation.method === 'DELETE' ? undefined : {});
          statuses.add(answer.status);
          for (const number of sent) if (answer.text.includes(number)) echoed.push(`${operation.method} ${operation.path} (${role}) → ${answer.status}: ${answer.text.slice(0, 200)}`);
        }
      }
      // A card number as the token, and one typed where the case id goes with no credentials at all.
      const path = operation.path.replace(/\{(\w+)\}/g, () => cardNumber());
      for (const headers of [{ Authorization: `Bearer ${cardNumber()}` }, {}] as Record<string, string>[]) {
        const answer = await call(operation.method, path, headers);
        statuses.add(answer.status);
        for (const number of numbers.slice(-3)) if (answer.text.includes(number)) echoed.push(`${operation.method} ${operation.path} (no valid token): ${answer.text.slice(0, 200)}`);
      }
    }
    // The table reached past the guards and the validation: reads that were served were recorded too.
    expect([...statuses]).toEqual(expect.arrayContaining([200, 400, 401, 403, 404]));

    server.child.kill('SIGTERM');
    await server.exited;

    const found: string[] = [];
    const search = (where: string, text: string) => {
      for (const run of text.matchAll(/\d{14,}/g)) {
        for (const number of numbers) {
          if (run[0].includes(number)) found.push(`${where}: …${text.slice(Math.max(0, run.index - 80), run.index + run[0].length + 20)}…`);
        }
      }
    };
    search('server output', server.output());
    const files = listFiles(temp.dir);
    expect(files.map((file) => file.slice(temp.dir.length + 1))).toEqual(expect.arrayContaining(['events.db', 'keys.db', 'views.db']));
    let rowsSearched = 0;
    for (const file of files) {
      const bytes = readFileSync(file);
      search(`${file} (bytes)`, bytes.toString('latin1'));
      if (!bytes.subarray(0, 16).equals(Buffer.from('SQLite format 3\0'))) continue;
      const db = new Database(file, { readonly: true, fileMustExist: true });
      try {
        const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
        for (const { name } of tables) {
          for (const row of db.prepare(`SELECT * FROM "${name.replaceAll('"', '""')}"`).iterate() as Iterable<Record<string, unknown>>) {
            rowsSearched += 1;
            for (const [column, value] of Object.entries(row)) {
              const text = Buffer.isBuffer(value) ? value.toString('latin1') : String(value);
              search(`${file} ${name}.${column}`, text);
            }
          }
        }
      } finally {
        db.close();
      }
    }
    expect(rowsSearched).toBeGreaterThan(100);
    expect({ echoed, found }).toEqual({ echoed: [], found: [] });
  }, 240_000);
});

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type LedgerAppHarness, startLedgerApp } from '../support/ledger-app.harness.js';
import { fillPlaceholders, parseWorkedExamples, unfilled, valueAt, WorkedExampleError } from '../support/worked-examples.js';

const API_GUIDE = resolve(import.meta.dirname, '../../docs/api.md');

describe('the worked examples of docs/api.md', () => {
  it('the parser takes curl commands with their statuses and captures, and refuses what it cannot run', () => {
    const [example] = parseWorkedExamples(
      ['```sh', `curl -s -X POST $LEDGER/v1/cases/$CASE/refusals -H "Authorization: Bearer $STAFF" "\${H[@]}" \\`, `  -d '{"reason":"No basis`, `here"}'   # inline`, '# 201 {"status":"closed"}  → NEXT=.items[0].caseId', '```'].join('\n'),
    );
    expect(example).toEqual({
      line: 2,
      command: expect.stringContaining('refusals'),
      method: 'POST',
      target: '/v1/cases/$CASE/refusals',
      headers: [['Authorization', 'Bearer $STAFF'], ['Content-Type', 'application/json']],
      body: '{"reason":"No basis\nhere"}',
      expectedStatus: 201,
      captures: [{ name: 'NEXT', path: '.items[0].caseId' }],
    });
    expect(parseWorkedExamples('```sh\ncurl -s $LEDGER/v1/x\n# 422 {"rule":"LE-SCOPE"}\ncurl -s $LEDGER/v1/y\n# 200 {"rule":"RET-X"}\n```').map((e) => e.expectedRule)).toEqual(['LE-SCOPE', undefined]);
    expect(() => parseWorkedExamples('```sh\ncurl -s $LEDGER/health\n```')).toThrow(/line 2: a curl example without the status/);
    expect(() => parseWorkedExamples('```sh\nrm -rf data\n```')).toThrow(WorkedExampleError);
    expect(() => parseWorkedExamples('```sh\ncurl -k $LEDGER/health\n# 200\n```')).toThrow(/option the runner does not know: -k/);
    expect(fillPlaceholders('$NOW $NOW+1d $NOW-2h ${CASE}', new Map([['CASE', 'c1']]), new Date('2026-01-01T00:00:00.000Z'))).toBe(
      '2026-01-01T00:00:00.000Z 2026-01-02T00:00:00.000Z 2025-12-31T22:00:00.000Z c1',
    );
    expect(unfilled('/v1/cases/c-…/x?u=<counsel userId>&v=$MISSING')).toEqual(['…', '<counsel userId>', '$MISSING']);
  });

  describe('against the real application, in order', () => {
    let ledger: LedgerAppHarness;
    beforeAll(async () => {
      ledger = await startLedgerApp();
    });
    afterAll(async () => {
      await ledger.close();
    });

    it('every curl example answers the status its comment shows', async () => {
      const examples = parseWorkedExamples(readFileSync(API_GUIDE, 'utf8'));
      expect(examples.length).toBeGreaterThan(30);
      const values = new Map<string, string>([['ADMIN', ledger.adminToken]]);
      const faults: string[] = [];
      for (const example of examples) {
        const now = ledger.clock.now();
        const fill = (text: string) => fillPlaceholders(text, values, now);
        const target = fill(example.target);
        const headers = example.headers.map(([name, value]) => [name, fill(value)] as const);
        const body = example.body === null ? null : fill(example.body);
        const where = `docs/api.md line ${example.line} (${example.method} ${example.target})`;
        const missing = unfilled([target, body ?? '', ...headers.map(([, value]) => value)].join(' '));
        if (missing.length > 0) {
          faults.push(`${where}: placeholders no earlier example fills: ${missing.join(', ')} (capture them with "→ NAME=.field" on an earlier answer's status comment)`);
          continue;
        }
        let call = (ledger.http as unknown as Record<string, (url: string) => import('supertest').Test>)[example.method.toLowerCase()](target);
        for (const [name, value] of headers) call = call.set(name, value);
        const answer = body === null ? await call : await call.send(body);
        if (answer.status !== example.expectedStatus) {
          faults.push(`${where}: answered ${answer.status}, the guide says ${example.expectedStatus}: ${answer.text.slice(0, 300)}`);
          continue;
        }
        if (example.expectedRule !== undefined && answer.body?.rule !== example.expectedRule) {
          faults.push(`${where}: answered rule ${String(answer.body?.rule)}, the guide says ${example.expectedRule}`);
          continue;
        }
        for (const { name, path } of example.captures) {
          const value = valueAt(answer.body, path);
          if (typeof value === 'string' || typeof value === 'number') values.set(name, String(value));
          else faults.push(`${where}: the answer has no ${path} to capture as ${name}`);
        }
      }
      expect(faults).toEqual([]);
    }, 120_000);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFParse } from 'pdf-parse';
import Database from 'better-sqlite3';
import { projectionsFor } from '@ledger/runtime';
import { CaseDriver } from '../support/case-driver.js';
import { type LedgerAppHarness, startLedgerApp, TestClock } from '../support/ledger-app.harness.js';
import { runCli } from '../support/server-process.js';
import { makeTempDir } from '../support/temp-dir.js';

describe('npm run ledger -- rebuild | export', () => {
  const temp = makeTempDir('ledger-views-cli-');
  const env = { LEDGER_DATA_DIR: temp.dir };
  let ledger: LedgerAppHarness | null = null;
  const dump = () => {
    const db = new Database(join(temp.dir, 'views.db'), { readonly: true });
    try {
      return ['cases', 'case_categories', 'counsel_queue', 'deadlines', 'findings', 'finding_due'].map((table) =>
        db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all(),
      );
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    const clock = new TestClock(new Date('2026-03-02T09:00:00.000Z'));
    ledger = await startLedgerApp({ clock, dataDir: temp.dir });
    const cases = new CaseDriver(ledger.app, clock);
    const director = { ...(await ledger.user('director')), role: 'director' as const };
    const staff = { ...(await ledger.user('staff')), role: 'staff' as const };
    for (const caseId of ['cli-1', 'cli-2', 'cli-3']) {
      await cases.run(caseId, staff, {
        type: 'OpenCase', requester: { kind: 'law_enforcement', name: 'Det. Ray', agency: 'State Police' }, channel: 'in_person',
        patron: await cases.patron('CARD-CLI-1'), requestedCategories: ['circulation_history'], identification: [{ kind: 'officer_credentials' }],
      } as never);
      await cases.run(caseId, staff, { type: 'ReferToDirector' } as never);
    }
    await cases.run('cli-1', director, { type: 'ExplainPolicy', note: 'No instrument' } as never);
  });
  afterAll(async () => {
    await ledger?.close();
    temp.remove();
  });

  it('refuses to rebuild while the server holds the views', async () => {
    const result = await runCli(['rebuild'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Refusing to rebuild');
  }, 120_000); // a CLI process starting Node on a shared machine

  it('rebuilds every view from position 0 into the same tables, and says how fast', async () => {
    const before = dump();
    await ledger!.close();
    ledger = null;
    const result = await runCli(['rebuild'], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const viewCount = projectionsFor({ referralSlaMinutes: 60 }).length;
    expect(result.stdout).toMatch(new RegExp(String.raw`^Rebuilt ${viewCount} views: \d+ events replayed in [\d.]+ s \(\d+ events\/s\), up to position \d+\.\n$`));
    expect(dump()).toEqual(before);
    const json = await runCli(['rebuild', '--json'], env);
    expect(JSON.parse(json.stdout)).toMatchObject({ views: viewCount, events: expect.any(Number), eventsPerSecond: expect.any(Number) });
  }, 120_000); // two CLI rebuilds

  it('exports a case file as PDF with full content, or pseudonymised JSON', async () => {
    const out = join(temp.dir, 'cli-1.pdf');
    const pdf = await runCli(['export', 'cli-1', '--format', 'pdf', '--out', out], env);
    expect(pdf.code).toBe(0);
    const parser = new PDFParse({ data: new Uint8Array(readFileSync(out)) });
    const text = (await parser.getText()).text.replace(/\s+/g, ' ');
    await parser.destroy();
    expect(text).toContain('PRIVILEGED AND CONFIDENTIAL');
    expect(text).toContain('cli-1');
    expect(text).toContain('Policy explained; no instrument produced');
    expect(text).toContain('CARD-CLI-1');

    const json = await runCli(['export', 'cli-1', '--pseudonymise'], env);
    expect(json.code).toBe(0);
    const file = JSON.parse(json.stdout);
    // Opened, referred (with the e-mail notice queued in the same append), explained, closed.
    expect(file.chain).toEqual({ ok: true, events: 5 });
    expect(json.stdout).not.toContain('CARD-CLI-1');

    const missing = await runCli(['export', 'nope'], env);
    expect(missing.code).toBe(1);
    // What was typed is not printed back unless it is a case id: it might be a card number.
    expect(missing.stderr).toContain('No case with that id in the ledger');
    expect(missing.stderr).not.toContain('nope');
  }, 120_000); // three CLI processes, each starting Node and Nest on a shared machine
});

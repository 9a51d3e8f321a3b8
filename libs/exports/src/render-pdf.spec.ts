import { PDFParse } from 'pdf-parse';
import type { CaseEvent } from '@ledger/domain';
import {
  adviseCounsel,
  decideRelease,
  director,
  given,
  grantNeedToKnow,
  openCase,
  produce,
  recordInstrument,
  referToCounsel,
  referToDirector,
} from '../../domain/src/testing/case-fixtures.js';
import { buildCaseFile, type CaseFileFinding, type CaseFileOptions } from './case-file.js';
import { renderCaseFilePdf } from './render-pdf.js';
import { recordedCase } from './testing/recorded-case.js';

const HEBREW_NAME = 'שרה כהן';
const ARABIC_NAME = 'ليلى حداد';
const PEOPLE: Record<string, { name: string; role: string }> = {
  'u-staff': { name: 'Maria Lopez', role: 'staff' },
  'u-director': { name: 'Ann Smith', role: 'director' },
  'u-counsel': { name: 'Jane Doe', role: 'counsel' },
  'u-auditor': { name: ARABIC_NAME, role: 'auditor' },
};
const lawEnforcementCase = (extra: number): CaseEvent[] =>
  given(
    openCase({ kind: 'law_enforcement', name: `Det. ${HEBREW_NAME}`, ids: ['officer_credentials'], requestedCategories: ['circulation_history', 'ill_records'] }),
    referToDirector(),
    recordInstrument(['circulation_history'], { returnDate: '2025-03-20T17:00:00.000Z', docketNumber: 'HHD-CR25-0012345' }),
    referToCounsel(),
    adviseCounsel('comply_in_part', ['circulation_history']),
    decideRelease('release_in_part', ['circulation_history']),
    ...Array.from({ length: extra }, () => grantNeedToKnow('u-auditor', director)),
    produce(['circulation_history']),
  ).history;
const deadlineMissed: CaseFileFinding = {
  rule: 'DEADLINE-MISSED',
  severity: 'violation',
  detectedAt: '2025-03-20T17:00:00.000Z',
  message: 'The return date passed while the case was open.',
  citation: 'Disclosure to Law Enforcement, step 4',
};

function fileOf(events: CaseEvent[], options: Partial<CaseFileOptions> = {}) {
  return buildCaseFile({
    caseId: 'case-pdf-1',
    events: recordedCase('case-pdf-1', events),
    generatedAt: '2025-03-21T09:00:00.000Z',
    preparedFor: 'Jane Doe (counsel)',
    recipient: PEOPLE['u-counsel'],
    directory: (userId) => PEOPLE[userId] ?? null,
    revealPatronRef: () => '21234000123456',
    findings: [deadlineMissed],
    ...options,
  });
}

async function pagesOf(pdf: Buffer): Promise<string[]> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  const { pages } = await parser.getText();
  await parser.destroy();
  return pages.map((page) => page.text.replace(/\s+/g, ' '));
}

describe('the counsel PDF', () => {
  let pages: string[];
  let text: string;
  beforeAll(async () => {
    pages = await pagesOf(await renderCaseFilePdf(fileOf(lawEnforcementCase(0))));
    text = pages.join(' ');
  });

  it('names people with their roles, never by user id', () => {
    expect(text).toContain('Referred to counsel: Jane Doe, counsel');
    expect(text).toContain('Decided by: Ann Smith, director');
    expect(text).toContain('Maria Lopez, circulation staff');
    expect(text).not.toMatch(/\bu-(staff|director|counsel|auditor)\b/);
  });

  it('speaks in words, not field names or vocabulary codes', () => {
    for (const raw of ['counselUserId', 'decidedBy', 'permitsCategories', 'nondisclosureOrder', 'instrumentId', 'recordedAt', 'circulation_history', 'ill_records', 'release_in_part', 'comply_in_part', 'refer_to_director', 'law_enforcement']) {
      expect({ raw, found: text.includes(raw) }).toEqual({ raw, found: false });
    }
    expect(text).toContain('Borrowing history');
    expect(text).toContain('Advice: Comply in part');
    expect(text).toContain('Docket number: HHD-CR25-0012345');
  });

  it('holds the case\u2019s findings with severity and citation', () => {
    expect(text).toContain('Compliance findings');
    expect(text).toContain('1 finding recorded on this case');
    expect(text).toContain('Violation');
    expect(text).toContain('DEADLINE-MISSED');
    expect(text).toContain('Disclosure to Law Enforcement, step 4');
  });

  it('says who it was prepared for: at counsel\u2019s request, or by the operator, never both', async () => {
    expect(pages[0]).toContain('Prepared at the request of counsel, Jane Doe, counsel');
    expect(pages[0]).not.toContain('operator');
    const { recipient: _counsel, ...operatorFile } = fileOf(lawEnforcementCase(0), { preparedFor: 'operator export (command line)' });
    const operator = (await pagesOf(await renderCaseFilePdf({ ...operatorFile, recipient: null })))[0];
    expect(operator).toContain('by its operator');
    expect(operator).not.toContain('request of counsel');
    const director = (await pagesOf(await renderCaseFilePdf(fileOf(lawEnforcementCase(0), { recipient: PEOPLE['u-director'] }))))[0];
    expect(director).toContain('Prepared for Ann Smith, director');
  });

  it('prints the period of the records produced (recordsFrom, recordsTo), and none when the production named none', async () => {
    const withPeriod = given(
      openCase({ kind: 'law_enforcement', name: 'Det. Lee', ids: ['officer_credentials'], requestedCategories: ['circulation_history'] }),
      referToDirector(),
      recordInstrument(['circulation_history'], { returnDate: '2025-03-20T17:00:00.000Z' }),
      referToCounsel(),
      adviseCounsel('comply'),
      decideRelease('release'),
      { ...produce(['circulation_history']), recordsFrom: '2024-01-01T00:00:00.000Z', recordsTo: '2024-06-30T23:59:00.000Z' },
    ).history;
    const produced = (await pagesOf(await renderCaseFilePdf(fileOf(withPeriod)))).join(' ');
    expect(produced).toContain('Period of records produced: 1 January 2024, 00:00 UTC to 30 June 2024, 23:59 UTC');
    expect(text).not.toContain('Period of records produced');
  });

  it('counts in correct plurals', async () => {
    expect(text).toContain('1 rule of the policy applied');
    expect(text).toMatch(/\b10 events, in the order/);
    const none = (await pagesOf(await renderCaseFilePdf(fileOf(lawEnforcementCase(0), { findings: [deadlineMissed, deadlineMissed] })))).join(' ');
    expect(none).toContain('2 findings recorded');
    expect(text).not.toMatch(/\b1 (events|findings|rules)\b/);
  });

  it('writes right-to-left names in reading order, in a font that has their letters', async () => {
    expect(text).toContain(HEBREW_NAME);
    const pdf = (await renderCaseFilePdf(fileOf(lawEnforcementCase(1)))).toString('latin1');
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    expect(pdf).not.toContain('/Helvetica');
  });

  it('never leaves a page holding only the end of a table', async () => {
    // Grow the case one event at a time, so that the tables break at every place on the page.
    for (let extra = 0; extra <= 40; extra += 1) {
      const rendered = await pagesOf(await renderCaseFilePdf(fileOf(lawEnforcementCase(extra))));
      const hashesPerPage = rendered.map((page) => page.match(/\b[0-9a-f]{64}\b/g)?.length ?? 0);
      const total = hashesPerPage.reduce((sum, n) => sum + n, 0);
      expect(total).toBe(extra + 10);
      for (const onPage of hashesPerPage.filter((n) => n > 0)) expect({ extra, hashesPerPage, enough: onPage >= Math.min(3, total) }).toEqual({ extra, hashesPerPage, enough: true });
      expect(rendered[rendered.length - 1]).toMatch(/[0-9a-f]{64}/);
    }
  }, 120_000);
});

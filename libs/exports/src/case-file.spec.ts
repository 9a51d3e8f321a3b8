import { PDFParse } from 'pdf-parse';
import { CASE_EVENT_LABELS } from '@ledger/domain';
import { adviseCounsel, given, openLawEnforcementCase, recordInstrument, referToCounsel, referToDirector } from '../../domain/src/testing/case-fixtures.js';
import { buildCaseFile, PRIVILEGE_NOTICE } from './case-file.js';
import { renderCaseFileCsv } from './render-csv.js';
import { renderCaseFileJson } from './render-json.js';
import { renderCaseFilePdf } from './render-pdf.js';
import { recordedCase } from './testing/recorded-case.js';
import { producedCaseHistory } from './testing/produced-case.js';

const history = producedCaseHistory();
const events = recordedCase('case-export-1', history);
const base = { caseId: 'case-export-1', events, generatedAt: '2025-03-04T09:00:00.000Z', preparedFor: 'Counsel One (counsel)' };

describe('case file', () => {
  it('holds the chronology, evaluation, instrument, advice, decision, production, policy version and a verified manifest', () => {
    const file = buildCaseFile({ ...base, revealPatronRef: () => 'CARD-0042' });
    expect(file.chronology.map((entry) => entry.type)).toEqual(history.map((event) => event.type));
    expect(file.evaluation?.rules.map((rule) => rule.id)).toEqual(['LE-REFER']);
    expect(file.instruments).toEqual([expect.objectContaining({ type: 'court_order', docketNumber: 'CV-25-0042' })]);
    expect(file.advice).toEqual([expect.objectContaining({ advice: 'comply' })]);
    expect(file.decisions).toEqual([expect.objectContaining({ decision: 'release' })]);
    expect(file.productions).toEqual([expect.objectContaining({ recipient: 'State Police' })]);
    expect(file.policyVersions).toEqual(['ct-2024-07-10']);
    expect(file.summary.patron).toEqual({ pseudonym: 'P-7Q2K', isMinor: false, ref: 'CARD-0042', shredded: false });
    expect(file.manifest).toHaveLength(events.length);
    expect(file.manifest.every((link) => /^[0-9a-f]{64}$/.test(link.hash!))).toBe(true);
    expect(file.chain).toEqual({ ok: true, events: events.length });
  });

  it('pseudonymised, it never carries the patron reference, its ciphertext or its blind index', () => {
    const json = renderCaseFileJson(buildCaseFile(base)).toString('utf8');
    expect(json).toContain('P-7Q2K');
    expect(json).not.toContain('enc:abc');
    expect(json).not.toContain('"blindIndex"');
    expect(json).not.toContain('encryptedRef');
    expect(JSON.parse(json).pseudonymised).toBe(true);
  });

  it('reports the first broken link when a stored event was altered', () => {
    const advice = events.findIndex((event) => event.type === 'CounselAdviceRecorded');
    const tampered = events.map((event, i) => (i === advice ? { ...event, data: event.data.replace('"comply"', '"decline"') } : event));
    const file = buildCaseFile({ ...base, events: tampered });
    expect(file.chain).toEqual({ ok: false, events: advice, firstBroken: { revision: String(advice), reason: 'hash_mismatch' } });
    const csv = renderCaseFileCsv(file).toString('utf8');
    expect(csv).toContain('BROKEN: hash_mismatch');
    expect(csv).toContain('not verified (after a broken link)');
  });

  it('as CSV: a header and one row per event with its hash', () => {
    const csv = renderCaseFileCsv(buildCaseFile(base)).toString('utf8').trim().split('\n');
    expect(csv[0]).toBe('caseId,leafIndex,revision,occurredAt,recordedAt,type,label,by,byName,role,detail,policyVersion,hash,prev,chain,data');
    expect(csv).toHaveLength(events.length + 1);
    const file = buildCaseFile(base);
    expect(csv[3]).toContain(file.manifest[2].hash!);
  });

  it('as PDF: a privileged cover page, then text a lawyer can read, naming the case and every event', async () => {
    const pdf = await renderCaseFilePdf(buildCaseFile(base));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const parser = new PDFParse({ data: new Uint8Array(pdf) });
    const { text, pages } = await parser.getText();
    await parser.destroy();
    const flat = text.replace(/\s+/g, ' ');
    expect(pages[0].text.replace(/\s+/g, ' ')).toContain(PRIVILEGE_NOTICE);
    expect(flat).toContain('case-export-1');
    for (const event of history) expect(flat).toContain(CASE_EVENT_LABELS[event.type]);
    expect(flat).toContain('Chronology');
    expect(flat).toContain('Integrity manifest');
    expect(flat).toMatch(new RegExp(`Page 1 of ${pages.length}`));
    expect(flat).toContain('CV-25-0042');
  });

  it('gives each instrument’s dates, and in the PDF says which an objection stopped', async () => {
    const objected = given(
      openLawEnforcementCase(['circulation_history']),
      referToDirector(),
      recordInstrument(['circulation_history'], { instrumentType: 'subpoena', returnDate: '2025-03-20T17:00:00.000Z' }),
      referToCounsel(),
      { ...adviseCounsel('object'), filedAt: '2025-03-03T11:30:00.000Z' },
      referToCounsel(),
    ).history;
    const file = buildCaseFile({ ...base, events: recordedCase('case-export-1', objected) });
    expect(file.deadlines).toEqual([
      { instrumentId: 'ins-1', instrumentType: 'subpoena', kind: 'return_date', dueAt: '2025-03-20T17:00:00.000Z', objectionFiledAt: '2025-03-03T11:30:00.000Z', clockStopped: true },
      { instrumentId: 'ins-1', instrumentType: 'subpoena', kind: 'objection_date', dueAt: '2025-03-17T11:00:00.000Z', objectionFiledAt: '2025-03-03T11:30:00.000Z', clockStopped: true },
    ]);
    const parser = new PDFParse({ data: new Uint8Array(await renderCaseFilePdf(file)) });
    const flat = (await parser.getText()).text.replace(/\s+/g, ' ');
    await parser.destroy();
    expect(flat).toContain('Return date: 20 March 2025, 17:00 UTC (clock stopped: objection filed 3 March 2025, 11:30 UTC)');
    expect(flat).toContain('Last day to object: 17 March 2025, 11:00 UTC (clock stopped: objection filed 3 March 2025, 11:30 UTC)');
  });
});

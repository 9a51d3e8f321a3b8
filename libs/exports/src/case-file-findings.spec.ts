import { buildCaseFile, type CaseFileFinding } from './case-file.js';
import type { CaseFileLog } from './case-file-log.js';
import { checkDerivedSections } from './case-file-sections.js';
import { renderCaseFileJson } from './render-json.js';
import { producedCaseHistory } from './testing/produced-case.js';
import { recordedCase } from './testing/recorded-case.js';

const events = recordedCase('case-findings-1', producedCaseHistory());
const log = {
  events: events.map((event, i) => ({ eventId: event.id, stream: event.stream, revision: event.revision.toString(), position: event.position.toString(), type: event.type, data: event.data, metadata: event.metadata, leafIndex: i, inclusionProof: [] })),
} as unknown as CaseFileLog;
/** A finding the views hold from another stream (a breach notice): the case's events cannot give it. */
const breachNoticeLate: CaseFileFinding = {
  findingId: 'BREACH-NOTICE-LATE:inc-1',
  rule: 'BREACH-NOTICE-LATE',
  severity: 'violation',
  detectedAt: '2025-03-02T00:00:00.000Z',
  message: 'Patrons were told of the breach late.',
  citation: 'CGS § 36a-701b',
};

type Finding = { findingId: string; rule: string; message: string; detectedAt: string };
function exported(options: { referralSlaMinutes?: number; withSettings?: boolean } = {}) {
  const file = buildCaseFile({
    caseId: 'case-findings-1',
    events,
    generatedAt: '2025-03-04T09:00:00.000Z',
    preparedFor: 'Jane Doe (counsel)',
    revealPatronRef: () => 'CARD-0042',
    // What the views hold: a stale case finding the events no longer give, and one of another stream.
    findings: [{ ...breachNoticeLate, rule: 'DEADLINE-MISSED', findingId: 'DEADLINE-MISSED:stale' }, breachNoticeLate],
    ...(options.withSettings !== false && { findingSettings: { referralSlaMinutes: options.referralSlaMinutes ?? 1, counselSlaHours: 24 } }),
    log,
  });
  return JSON.parse(renderCaseFileJson(file).toString('utf8')) as Record<string, unknown> & { findings: Finding[] };
}

describe('a case file’s findings, derived again from its events with the settings it carries', () => {
  const file = exported();

  it('the export derives the findings that rest on the case’s events, keeps those of other streams, and an untouched file passes', () => {
    expect(file.findingSettings).toEqual({ referralSlaMinutes: 1, counselSlaHours: 24 });
    expect(file.findings.map((entry) => entry.findingId)).toEqual(['LE-REFERRAL-LATE:case-findings-1', 'BREACH-NOTICE-LATE:inc-1']);
    expect(checkDerivedSections(file, log)).toEqual({ checked: true, findings: 'checked' });
    // Another referral limit gives other findings: the settings are what the findings are derived with.
    expect(exported({ referralSlaMinutes: 60 * 24 }).findings.map((entry) => entry.rule)).toEqual(['BREACH-NOTICE-LATE']);
  });

  it('a finding edited, added or removed is refused, the first difference named', () => {
    const edited = structuredClone(file);
    edited.findings[0].message = 'Nothing was late.';
    expect(checkDerivedSections(edited, log)).toEqual({ checked: true, findings: 'checked', difference: expect.stringMatching(/^findings\[0\]\.message \(the file shows "Nothing was late\.", its events give "A law-enforcement request reached the director/) });
    const added = structuredClone(file);
    added.findings.unshift({ ...added.findings[0], findingId: 'WARRANT-NO-COUNSEL-REVIEW:case-findings-1:w', rule: 'WARRANT-NO-COUNSEL-REVIEW', detectedAt: '2025-03-03T23:00:00.000Z' });
    expect(checkDerivedSections(added, log)).toEqual({ checked: true, findings: 'checked', difference: expect.stringMatching(/^findings\[0\]\.findingId \(the file shows "WARRANT-NO-COUNSEL-REVIEW/) });
    const removed = { ...file, findings: file.findings.slice(1) };
    expect(checkDerivedSections(removed, log)).toEqual({ checked: true, findings: 'checked', difference: expect.stringMatching(/^findings\[0\]\.findingId \(the file shows "BREACH-NOTICE-LATE:inc-1", its events give "LE-REFERRAL-LATE:case-findings-1"\)/) });
    const settings = { ...file, findingSettings: { referralSlaMinutes: 60 * 24, counselSlaHours: 24 } };
    expect(checkDerivedSections(settings, log)).toEqual({ checked: true, findings: 'checked', difference: expect.stringMatching(/^findings\[0\]/) });
  });

  it('findings found on other streams are the file’s own, not checked', () => {
    const otherStream = structuredClone(file);
    otherStream.findings[1].message = 'Patrons were told in time.';
    expect(checkDerivedSections(otherStream, log)).toEqual({ checked: true, findings: 'checked' });
  });

  it('a file made before files carried the settings shows the views’ findings and verifies as before, its findings not recomputed', () => {
    const before = exported({ withSettings: false });
    expect(before.findingSettings).toBeUndefined();
    expect(before.findings.map((entry) => entry.findingId)).toEqual(['DEADLINE-MISSED:stale', 'BREACH-NOTICE-LATE:inc-1']);
    expect(checkDerivedSections(before, log)).toEqual({ checked: true, findings: 'not_recomputed' });
    expect(checkDerivedSections({ ...file, findingSettings: { referralSlaMinutes: 0, counselSlaHours: 24 } }, log)).toMatchObject({ difference: expect.stringMatching(/^findingSettings are not/) });
  });
});

import { CaseStateConflict, ForbiddenByPolicy, NotFound } from '../shared/errors.js';
import type { Role } from '../vocabulary.js';
import { TRANSPARENCY_REPORT_SCHEMA, transparencyCountsOf, type TransparencyReportDocument } from './transparency-report.js';
import type { TransparencyCommand } from './transparency.commands.js';
import { decideTransparency, transparencyDecider } from './transparency.decider.js';
import { initialTransparencyState, publishedReports, type TransparencyState } from './transparency.state.js';

const NOW = '2026-01-10T10:00:00.000Z';
const actor = (role: Role) => ({ userId: `u-${role}`, role, isActiveDesignee: false });

function documentOf(reportId: string, supersedes?: string, period = { from: '2025-07-01', to: '2025-12-31' }, timeZone?: string): TransparencyReportDocument {
  return {
    schema: TRANSPARENCY_REPORT_SCHEMA,
    reportId,
    period,
    nationalSecurityStructure: 3,
    smallNumberThreshold: 0,
    preparedAt: NOW,
    ...(timeZone !== undefined && { timeZone }),
    checkpoint: { origin: 'library.example/ledger', size: 10, root: 'AAAA' },
    ...(supersedes && { supersedes }),
    counts: transparencyCountsOf({ cases: [], incidents: [] }, { period, structure: 3, smallNumberThreshold: 0, publishedAt: NOW, ...(timeZone !== undefined && { timeZone }) }),
  };
}

const prepare = (reportId: string, supersedes?: string, role: Role = 'director'): TransparencyCommand => ({
  type: 'PrepareTransparencyReport',
  actor: actor(role),
  occurredAt: NOW,
  recordedAt: NOW,
  document: documentOf(reportId, supersedes),
  note: 'signed note\n',
});
const approve = (reportId: string, role: Role = 'counsel'): TransparencyCommand => ({ type: 'ApproveTransparencyReport', actor: actor(role), occurredAt: NOW, recordedAt: NOW, reportId });

function given(...commands: TransparencyCommand[]): TransparencyState {
  return commands.reduce((state, command) => decideTransparency(command, state).reduce(transparencyDecider.evolve, state), initialTransparencyState);
}

describe('transparency reports', () => {
  it('the director prepares a draft; counsel approves and it is published', () => {
    const draft = given(prepare('r1'));
    expect(draft.reports.r1.status).toBe('draft');
    expect(publishedReports(draft)).toEqual([]);
    const events = decideTransparency(approve('r1'), draft);
    expect(events).toEqual([{ type: 'TransparencyReportApproved', data: { reportId: 'r1', occurredAt: NOW, by: 'u-counsel' } }]);
    expect(publishedReports(events.reduce(transparencyDecider.evolve, draft)).map((report) => report.document.reportId)).toEqual(['r1']);
  });

  it('only the director prepares and only counsel approves', () => {
    expect(() => decideTransparency(prepare('r1', undefined, 'staff'), initialTransparencyState)).toThrow(ForbiddenByPolicy);
    expect(() => decideTransparency(approve('r1', 'director'), given(prepare('r1')))).toThrow(ForbiddenByPolicy);
  });

  it('a published report is never approved again, and an unknown one is not found', () => {
    expect(() => decideTransparency(approve('r1'), given(prepare('r1'), approve('r1')))).toThrow(CaseStateConflict);
    expect(() => decideTransparency(approve('nope'), initialTransparencyState)).toThrow(NotFound);
    expect(() => decideTransparency(prepare('r1'), given(prepare('r1')))).toThrow(CaseStateConflict);
  });

  it('a correction supersedes a published report, once; both stay published, the old one marked', () => {
    const corrected = given(prepare('r1'), approve('r1'), prepare('r2', 'r1'), approve('r2'));
    expect(corrected.reports.r1).toMatchObject({ status: 'published', supersededBy: 'r2' });
    expect(publishedReports(corrected).map((report) => report.document.reportId).sort()).toEqual(['r1', 'r2']);
    expect(() => decideTransparency(prepare('r3', 'r1'), corrected)).toThrow(/superseded already by r2/);
  });

  it('a draft is not superseded, and two corrections of one report cannot both be published', () => {
    expect(() => decideTransparency(prepare('r2', 'r1'), given(prepare('r1')))).toThrow(CaseStateConflict);
    expect(() => decideTransparency(prepare('r2', 'nope'), initialTransparencyState)).toThrow(NotFound);
    const twice = given(prepare('r1'), approve('r1'), prepare('r2', 'r1'), prepare('r3', 'r1'), approve('r2'));
    expect(() => decideTransparency(approve('r3'), twice)).toThrow(/superseded already by r2/);
  });

  it('records the zone the period was counted in on the prepared event, and judges "over" on that zone\u2019s day', () => {
    // 22:00 EST on Friday 9 January 2026 is 03:00 UTC on the 10th: the 9th is over in UTC, not in New York.
    const lateEvening = '2026-01-10T03:00:00.000Z';
    type Prepare = Extract<TransparencyCommand, { type: 'PrepareTransparencyReport' }>;
    const command = (timeZone?: string): Prepare => ({
      ...(prepare('r1') as Prepare),
      occurredAt: lateEvening,
      recordedAt: lateEvening,
      document: { ...documentOf('r1', undefined, { from: '2026-01-01', to: '2026-01-08' }, timeZone), preparedAt: lateEvening },
    });
    const [prepared] = decideTransparency(command('America/New_York'), initialTransparencyState);
    expect(prepared).toMatchObject({ type: 'TransparencyReportPrepared', data: { document: { timeZone: 'America/New_York' } } });
    const endingToday = (timeZone?: string): TransparencyCommand => {
      const base = command(timeZone);
      return { ...base, document: { ...base.document, period: { from: '2026-01-01', to: '2026-01-09' } } };
    };
    expect(() => decideTransparency(endingToday('America/New_York'), initialTransparencyState)).toThrow(expect.objectContaining({ field: 'period.to' }));
    // A document without a zone reads UTC days (reports prepared before the zone was recorded).
    expect(decideTransparency(endingToday(), initialTransparencyState)).toHaveLength(1);
  });
});

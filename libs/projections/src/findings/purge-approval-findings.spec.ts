import type Database from 'better-sqlite3';
import { DEFAULT_JURISDICTION, DEFAULT_RETENTION_SCHEDULE, type RetentionEvent } from '@ledger/domain';
import type { ProjectedEvent } from '../runner/projection.js';
import { dumpViews, project, rebuilt } from '../testing/view-harness.js';
import { createCaseViewsProjection } from '../cases/case-views.projection.js';
import { queryFindings } from './findings.projection.js';
import { applyPurgeApproval } from './purge-approval-findings.js';

const findings = createCaseViewsProjection({ referralSlaMinutes: 60 });
const SET_AT = '2026-01-10T09:00:00.000Z';
const SHRED_AT = '2026-02-01T09:00:00.000Z';

/** A schedule that keeps law-enforcement cases 0 days, set by the Director alone (approvedBy absent) or approved by counsel. */
const scheduleSet = (approvedBy?: string): RetentionEvent => ({
  type: 'RetentionScheduleSet',
  data: {
    version: 1,
    rules: DEFAULT_RETENTION_SCHEDULE.rules.map((rule) => (rule.caseKind === 'law_enforcement' ? { id: rule.id, caseKind: rule.caseKind, keepDays: 0 } : rule)),
    ...(approvedBy && { approvedBy, proposalId: 'prop-1' }),
    occurredAt: SET_AT,
    by: 'u-director',
  },
});
const shred = (caseId: string, scheduleRule: string, scheduleVersion = 1): RetentionEvent => ({
  type: 'PatronIdentityShredded',
  data: {
    caseId,
    caseIds: [caseId],
    pseudonym: `P-${caseId}`,
    keyId: `k-${caseId}`,
    keyFingerprint: 'f'.repeat(64),
    scheduleRule,
    scheduleVersion,
    dueDate: SHRED_AT,
    basis: 'by_hand',
    dispositionAuthority: 'RC-075 2026-001',
    occurredAt: SHRED_AT,
    by: 'u-director',
  },
});
const released = (caseId: string): RetentionEvent => ({ type: 'CaseRetentionReleased', data: { caseId, reason: 'Matter closed', occurredAt: SET_AT, by: 'u-counsel' } });

function projected(events: RetentionEvent[]): ProjectedEvent[] {
  return events.map((event, i) => ({ stream: 'retention-main', revision: BigInt(i), position: BigInt(i + 1), type: event.type, data: event.data, metadata: {} }));
}
const purgeFindings = (db: Database.Database) => queryFindings(db, { rule: 'RETENTION-COUNSEL-APPROVAL', limit: 10 }).items;

describe('RETENTION-COUNSEL-APPROVAL, found after a purge', () => {
  it('given a schedule the Director alone set, when a law-enforcement case is shredded under it, then a violation dated at the shred', async () => {
    const db = await project(findings, projected([scheduleSet(), shred('case-le', 'RET-LAW-ENFORCEMENT')]));
    expect(purgeFindings(db)).toEqual([
      expect.objectContaining({
        findingId: 'RETENTION-COUNSEL-APPROVAL:case-le:purge',
        severity: 'violation',
        caseId: 'case-le',
        detectedAt: SHRED_AT,
        citation: expect.stringContaining('CGS § 11-8a'),
        message: expect.stringContaining("without counsel's approval"),
      }),
    ]);
    expect(purgeFindings(db)[0].message).toContain('disposition authority RC-075 2026-001');
  });

  it('none under a schedule counsel approved, after counsel released the case, or for a kind the law does not keep', async () => {
    expect(purgeFindings(await project(findings, projected([scheduleSet('u-counsel'), shred('case-le', 'RET-LAW-ENFORCEMENT')])))).toEqual([]);
    expect(purgeFindings(await project(findings, projected([scheduleSet(), released('case-le'), shred('case-le', 'RET-LAW-ENFORCEMENT')])))).toEqual([]);
    expect(purgeFindings(await project(findings, projected([shred('case-self', 'RET-PATRON-SELF', 0)])))).toEqual([]);
  });

  it('none for a purge decided under a pack that does not list the rule: each pack chooses its finding rules', async () => {
    const db = await project(findings, projected([scheduleSet()]));
    const withoutIt = { ...DEFAULT_JURISDICTION, findingRules: DEFAULT_JURISDICTION.findingRules.filter((rule) => rule !== 'RETENTION-COUNSEL-APPROVAL') };
    applyPurgeApproval(db, shred('case-le', 'RET-LAW-ENFORCEMENT'), withoutIt);
    expect(purgeFindings(db)).toEqual([]);
    applyPurgeApproval(db, shred('case-le', 'RET-LAW-ENFORCEMENT'), DEFAULT_JURISDICTION);
    expect(purgeFindings(db)).toHaveLength(1);
  });

  it('replayed as a rebuild, or each event applied twice, gives the same findings', async () => {
    const events = projected([scheduleSet(), released('case-a'), shred('case-a', 'RET-LAW-ENFORCEMENT'), shred('case-b', 'RET-LAW-ENFORCEMENT')]);
    const once = dumpViews(await project(findings, events));
    expect(dumpViews(await rebuilt(findings, events))).toEqual(once);
    expect(dumpViews(await project(findings, events, 2))).toEqual(once);
    expect(JSON.stringify(once)).toContain('RETENTION-COUNSEL-APPROVAL:case-b:purge');
  });
});

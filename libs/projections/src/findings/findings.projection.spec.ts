import type Database from 'better-sqlite3';
import { createFindingsProjection, evolveFindingFacts, materialiseDueFindings, queryFindings, WITHHELD_MESSAGE, type FindingFactsRow } from './findings.projection.js';
import { findingsOf, FINDING_RULE_IDS } from './finding-rules.js';
import { caseHistories, projectedHistory } from '../testing/case-histories.js';
import { dumpViews, project, rebuilt } from '../testing/view-harness.js';
import type { ProjectedEvent } from '../runner/projection.js';

const facts = (caseId: string): FindingFactsRow =>
  caseHistories()[caseId]!.reduce<FindingFactsRow | null>((row, event, revision) => evolveFindingFacts(row, { event, revision: BigInt(revision) }), null)!;

const rulesOf = (db: Database.Database) =>
  queryFindings(db, { limit: 500 })
    .items.map((f) => `${f.rule} ${f.caseId}`)
    .sort();

describe('findings', () => {
  const events = projectedHistory();
  const sla60 = createFindingsProjection({ referralSlaMinutes: 60 });
  const sla30 = createFindingsProjection({ referralSlaMinutes: 30 });

  it('replayed twice gives the same view, and applying every event twice changes nothing', () => {
    const once = dumpViews(project(sla30, events));
    expect(dumpViews(rebuilt(sla30, events))).toEqual(once);
    expect(dumpViews(project(sla30, events, 2))).toEqual(once);
  });

  it('finds what the events settle: productions without a court order, wellness disclosures, family releases', () => {
    expect(rulesOf(project(sla60, events))).toEqual([
      'FAMILY-CARD-BASIS case-family',
      'LE-RELEASE-WITHOUT-COURT-ORDER case-le-subpoena',
      'WELLNESS-DISCLOSURE case-wellness',
    ]);
    const [wellness] = queryFindings(project(sla60, events), { rule: 'WELLNESS-DISCLOSURE', limit: 5 }).items;
    expect(wellness).toEqual({
      findingId: 'WELLNESS-DISCLOSURE:case-wellness:r1',
      rule: 'WELLNESS-DISCLOSURE',
      severity: 'info',
      caseId: 'case-wellness',
      detectedAt: '2025-03-03T10:00:00.000Z',
      message: expect.stringContaining('wellness check'),
      citation: 'Wellness Checks',
    });
  });

  it('a referral later than the SLA is a warning; on time it is nothing', () => {
    // The fixtures refer every LE case 60 minutes after it was received.
    expect(rulesOf(project(sla30, events)).filter((rule) => rule.startsWith('LE-REFERRAL-LATE'))).toEqual([
      'LE-REFERRAL-LATE case-le-explained',
      'LE-REFERRAL-LATE case-le-sealed',
      'LE-REFERRAL-LATE case-le-subpoena',
      'LE-REFERRAL-LATE case-le-warrant',
    ]);
    const late = findingsOf(facts('case-le-subpoena'), 30).findings.find((f) => f.rule === 'LE-REFERRAL-LATE')!;
    expect(late).toMatchObject({ severity: 'warning', detectedAt: '2025-03-03T10:30:00.000Z', message: expect.stringContaining('60 minutes after') });
    expect(findingsOf(facts('case-le-subpoena'), 60).findings.map((f) => f.rule)).toEqual(['LE-RELEASE-WITHOUT-COURT-ORDER']);
  });

  it('time-based findings wait in finding_due and appear once the clock passes them, without any new event', () => {
    const db = project(sla60, events);
    const due = (db.prepare('SELECT finding_id, due_at FROM finding_due ORDER BY finding_id').all() as { finding_id: string; due_at: string }[]);
    expect(due).toEqual([
      { finding_id: 'DEADLINE-MISSED:case-le-sealed:ins-gag', due_at: '2025-03-10T12:00:00.000Z' },
      { finding_id: 'LE-REFERRAL-LATE:case-le-waiting', due_at: '2025-03-03T11:00:00.000Z' },
      { finding_id: 'WARRANT-NO-COUNSEL-REVIEW:case-le-warrant:ins-w@3', due_at: '2025-03-10T11:00:00.000Z' },
    ]);
    expect(materialiseDueFindings(db, new Date('2025-03-03T10:59:59.999Z'))).toBe(0);
    expect(materialiseDueFindings(db, new Date('2025-03-03T11:00:00.000Z'))).toBe(1);
    expect(materialiseDueFindings(db, new Date('2025-03-03T11:00:00.000Z'))).toBe(0);
    expect(materialiseDueFindings(db, new Date('2025-04-01T00:00:00.000Z'))).toBe(2);
    const found = queryFindings(db, { limit: 50 }).items;
    expect(found.filter((f) => f.rule === 'WARRANT-NO-COUNSEL-REVIEW' || f.rule === 'DEADLINE-MISSED').map((f) => [f.rule, f.severity, f.detectedAt])).toEqual([
      ['WARRANT-NO-COUNSEL-REVIEW', 'violation', '2025-03-10T11:00:00.000Z'],
      ['DEADLINE-MISSED', 'violation', '2025-03-10T12:00:00.000Z'],
    ].reverse().sort((a, b) => b[2]!.localeCompare(a[2]!)));
    expect(queryFindings(db, { severity: 'violation', limit: 50 }).items).toHaveLength(2);
    expect(queryFindings(db, { from: '2025-03-10T00:00:00Z', to: '2025-03-10T11:30:00Z', limit: 50 }).items.map((f) => f.rule)).toEqual(['WARRANT-NO-COUNSEL-REVIEW']);
  });

  it('an event that resolves a pending finding withdraws it; advice after 7 days settles it for good', () => {
    const db = project(sla60, events);
    materialiseDueFindings(db, new Date('2025-04-01T00:00:00.000Z'));
    const at = (iso: string, position: number, type: string, data: object): ProjectedEvent => ({
      stream: 'case-case-le-waiting',
      revision: BigInt(position),
      position: BigInt(1000 + position),
      type,
      data: { caseId: 'case-le-waiting', by: 'u-staff', occurredAt: iso, ...data },
      metadata: {},
      recordedAt: new Date(iso),
    });
    // Recorded late but backdated: it reached the director 20 minutes after it was received.
    sla60.apply(db, at('2025-03-03T10:20:00.000Z', 1, 'ReferredToDirector', {}));
    sla60.flush?.(db);
    expect(queryFindings(db, { caseId: 'case-le-waiting', limit: 5 }).items).toEqual([]);

    const warrant = (position: number, type: string, data: object, iso: string): ProjectedEvent => ({
      ...at(iso, position, type, data),
      stream: 'case-case-le-warrant',
      data: { caseId: 'case-le-warrant', by: 'u-counsel', occurredAt: iso, ...data },
    });
    sla60.apply(db, warrant(4, 'ReferredToCounsel', { counselUserId: 'u-counsel' }, '2025-03-12T09:00:00.000Z'));
    sla60.apply(db, warrant(5, 'CounselAdviceRecorded', { counselUserId: 'u-counsel', advice: 'comply', permitsCategories: [] }, '2025-03-12T10:00:00.000Z'));
    sla60.flush?.(db);
    const [late] = queryFindings(db, { caseId: 'case-le-warrant', rule: 'WARRANT-NO-COUNSEL-REVIEW', limit: 5 }).items;
    expect(late).toMatchObject({ detectedAt: '2025-03-10T11:00:00.000Z' });
    expect(db.prepare("SELECT source FROM findings WHERE finding_id = ?").get(late!.findingId)).toEqual({ source: 'event' });
  });

  it('a return date already past when the case was received is no missed deadline dated before the case, but a finding of its own, as of the recording', () => {
    const lateInstrument: FindingFactsRow = {
      ...facts('case-le-subpoena'),
      receivedAt: '2025-03-10T09:00:00.000Z',
      closedAt: null,
      instruments: [{ instrumentId: 'ins-late', type: 'subpoena', returnDate: '2025-03-01T00:00:00.000Z', recordedAt: '2025-03-10T12:00:00.000Z' }],
      settled: [],
    };
    const { findings, due } = findingsOf(lateInstrument, 60);
    expect(due.filter((f) => f.rule === 'DEADLINE-MISSED')).toEqual([]);
    expect(findings.filter((f) => f.rule === 'DEADLINE-MISSED')).toEqual([]);
    expect(findings.find((f) => f.rule === 'RETURN-DATE-BEFORE-RECEIPT')).toMatchObject({
      findingId: 'RETURN-DATE-BEFORE-RECEIPT:case-le-subpoena:ins-late',
      severity: 'warning',
      detectedAt: '2025-03-10T12:00:00.000Z',
      message: expect.stringContaining('had already passed when the case was received'),
    });
    // A return date after the case was received still counts as missed if the case is open then.
    const onTime = { ...lateInstrument, instruments: [{ ...lateInstrument.instruments[0]!, returnDate: '2025-03-11T00:00:00.000Z' }] };
    expect(findingsOf(onTime, 60).due.map((f) => [f.rule, f.detectedAt])).toContainEqual(['DEADLINE-MISSED', '2025-03-11T00:00:00.000Z']);
  });

  it('knows every finding rule of the contract', () => {
    expect(FINDING_RULE_IDS.sort()).toEqual(
      ['BREACH-NOTICE-LATE', 'DEADLINE-MISSED', 'FAMILY-CARD-BASIS', 'LE-REFERRAL-LATE', 'LE-RELEASE-WITHOUT-COURT-ORDER', 'RETURN-DATE-BEFORE-RECEIPT', 'WARRANT-NO-COUNSEL-REVIEW', 'WELLNESS-DISCLOSURE'],
    );
  });
});

describe('findings on a sealed case', () => {
  const events = projectedHistory();
  const findings = createFindingsProjection({ referralSlaMinutes: 60 });

  it('keep rule, severity, case and time for every reader, and show their details only to the director or a reader with need-to-know', () => {
    const db = project(findings, events);
    materialiseDueFindings(db, new Date('2025-04-01T00:00:00.000Z'));
    const missed = (reader?: { userId: string; seesSealed: boolean }) =>
      queryFindings(db, { caseId: 'case-le-sealed', rule: 'DEADLINE-MISSED', limit: 5, ...(reader ? { reader } : {}) }).items[0]!;
    expect(missed({ userId: 'u-other-auditor', seesSealed: false })).toMatchObject({ rule: 'DEADLINE-MISSED', severity: 'violation', caseId: 'case-le-sealed', message: WITHHELD_MESSAGE });
    expect(missed({ userId: 'u-auditor', seesSealed: false }).message).toContain('ins-gag');
    expect(missed({ userId: 'u-director', seesSealed: true }).message).toContain('court order');
    // Findings on unsealed cases are never withheld.
    const warrant = queryFindings(db, { caseId: 'case-le-warrant', limit: 5, reader: { userId: 'u-other-auditor', seesSealed: false } }).items[0]!;
    expect(warrant.message).toContain('ins-w');
  });
});

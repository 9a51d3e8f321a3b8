import type Database from 'better-sqlite3';
import { findingFactsOf, findingsOfFacts, FINDING_RULE_IDS, type FindingFacts, type FindingRule, recordedCaseFrom } from '@ledger/domain';
import { materialiseDueFindings, queryFindings } from './findings.projection.js';
import { type CaseViewer, sealedCasesOpenTo } from '@ledger/domain';
import { createCaseViewsProjection } from '../cases/case-views.projection.js';
import { caseHistories, projectedHistory } from '../testing/case-histories.js';
import type { CaseEvent } from '@ledger/domain';
import {
  adviseCounsel,
  confirmEarlierTime,
  decideRelease,
  defaultContext,
  director,
  endNondisclosure,
  executeWarrant,
  given,
  openCase,
  openLawEnforcementCase,
  openStatisticsRequest,
  recordInstrument,
  referToCounsel,
  recordPatronNotice,
  referToDirector,
  refuse,
  staff,
} from '../../../domain/src/testing/case-fixtures.js';
import { dumpViews, project, rebuilt } from '../testing/view-harness.js';
import type { ProjectedEvent } from '../runner/projection.js';

const facts = (caseId: string): FindingFacts => findingFactsOf(recordedCaseFrom(caseHistories()[caseId])!);

const rulesOf = (db: Database.Database) =>
  queryFindings(db, { limit: 500 })
    .items.map((f) => `${f.rule} ${f.caseId}`)
    .sort();

describe('findings', () => {
  const events = projectedHistory();
  const sla60 = createCaseViewsProjection({ referralSlaMinutes: 60 });
  const sla30 = createCaseViewsProjection({ referralSlaMinutes: 30 });

  it('replayed twice gives the same view, and applying every event twice changes nothing', async () => {
    const once = dumpViews(await project(sla30, events));
    expect(dumpViews(await rebuilt(sla30, events))).toEqual(once);
    expect(dumpViews(await project(sla30, events, 2))).toEqual(once);
  });

  it('finds what the events settle: wellness disclosures, family releases; a subpoena produced on written permission is no finding', async () => {
    expect(rulesOf(await project(sla60, events))).toEqual([
      'FAMILY-CARD-BASIS case-family',
      'WELLNESS-DISCLOSURE case-wellness',
    ]);
    const [wellness] = queryFindings(await project(sla60, events), { rule: 'WELLNESS-DISCLOSURE', limit: 5 }).items;
    expect(wellness).toEqual({
      findingId: 'WELLNESS-DISCLOSURE:case-wellness:r1',
      rule: 'WELLNESS-DISCLOSURE',
      severity: 'info',
      caseId: 'case-wellness',
      detectedAt: '2025-03-03T10:00:00.000Z',
      message: expect.stringContaining('wellness check'),
      citation: 'Wellness Checks (policy basis alone: no statutory door)',
    });
  });

  it('a referral later than the SLA is a warning; on time it is nothing', async () => {
    // The fixtures refer every LE case 60 minutes after it was received.
    expect(rulesOf(await project(sla30, events)).filter((rule) => rule.startsWith('LE-REFERRAL-LATE'))).toEqual([
      'LE-REFERRAL-LATE case-le-explained',
      'LE-REFERRAL-LATE case-le-sealed',
      'LE-REFERRAL-LATE case-le-subpoena',
      'LE-REFERRAL-LATE case-le-warrant',
    ]);
    const late = findingsOfFacts(facts('case-le-subpoena'), 30).findings.find((f) => f.rule === 'LE-REFERRAL-LATE')!;
    expect(late).toMatchObject({ severity: 'warning', detectedAt: '2025-03-03T10:30:00.000Z', message: expect.stringContaining('60 minutes after') });
    expect(findingsOfFacts(facts('case-le-subpoena'), 60).findings.map((f) => f.rule)).toEqual([]);
  });

  it('LE-REFERRAL-LATE holds a government agency sent to the Director (GOVERNMENT-REFER) to the same clock; someone else without an agency is not on it', async () => {
    const referredAfterAnHour = (requester: { kind: 'government_agency' | 'other'; agency?: string }) =>
      given({ ...openCase({ kind: requester.kind, name: 'Pat Jones' }), requester: { kind: requester.kind, name: 'Pat Jones', ...(requester.agency && { agency: requester.agency }) } }, referToDirector())
        .history.map((event) => ({ ...event, data: { ...event.data, caseId: 'case-g' } }) as CaseEvent);
    const lateReferrals = async (history: CaseEvent[]) =>
      queryFindings(await project(sla30, projectedHistory({ 'case-g': history })), { rule: 'LE-REFERRAL-LATE', limit: 5 }).items.map((finding) => finding.caseId);
    expect(await lateReferrals(referredAfterAnHour({ kind: 'government_agency' }))).toEqual(['case-g']);
    expect(await lateReferrals(referredAfterAnHour({ kind: 'other', agency: 'Town Social Services' }))).toEqual(['case-g']);
    expect(await lateReferrals(referredAfterAnHour({ kind: 'other' }))).toEqual([]);
  });

  describe('LE-RELEASE-WITHOUT-COURT-ORDER, for events recorded under the first reading (2024-07-10)', () => {
    const firstReading = (history: CaseEvent[]) => projectedHistory({ 'case-old': history.map((event) => ({ ...event, data: { ...event.data, caseId: 'case-old' } }) as CaseEvent) }, '2024-07-10');
    const withoutConsent = caseHistories()['case-le-subpoena'].map((event) => {
      if (event.type !== 'RecordsProduced') return event;
      const { consentIds: _relied, ...data } = event.data;
      return { ...event, data };
    });

    it('is a violation when a subpoena alone opened the door', async () => {
      const [found] = queryFindings(await project(sla60, firstReading(withoutConsent)), { rule: 'LE-RELEASE-WITHOUT-COURT-ORDER', limit: 5 }).items;
      expect(found).toMatchObject({ severity: 'violation', caseId: 'case-old', message: expect.stringContaining('subpoena'), citation: expect.stringContaining('CGS § 11-25(b)(2)') });
    });

    it('does not fire when the patron had given the officer written consent (named in the evaluation)', async () => {
      const consented = withoutConsent.map((event) =>
        event.type === 'DisclosureRequested' ? { ...event, data: { ...event.data, evaluation: { ...event.data.evaluation, consentIds: ['c-officer'] } } } : event,
      );
      expect(rulesOf(await project(sla60, firstReading(consented)))).toEqual([]);
    });

    it("is read from each event's policy version: since the second reading only the consents a production relied on count", async () => {
      const namedAtOpening = withoutConsent.map((event) =>
        event.type === 'DisclosureRequested' ? { ...event, data: { ...event.data, evaluation: { ...event.data.evaluation, consentIds: ['c-officer'] } } } : event,
      );
      expect(rulesOf(await project(sla60, projectedHistory({ 'case-now': namedAtOpening })))).toEqual(['LE-RELEASE-WITHOUT-COURT-ORDER case-le-subpoena']);
      expect(rulesOf(await project(sla60, firstReading(namedAtOpening)))).toEqual([]);
      expect(rulesOf(await project(sla60, projectedHistory({ 'case-now': caseHistories()['case-le-subpoena'] })))).toEqual([]);
    });
  });

  it('COUNSEL-REFERRAL-LATE: an instrument not referred to counsel within LEDGER_COUNSEL_SLA_HOURS; never for instruments of the first reading', async () => {
    const counselSla12 = createCaseViewsProjection({ referralSlaMinutes: 60, counselSlaHours: 12 });
    const db = await project(counselSla12, events);
    const due = db.prepare("SELECT finding_id, due_at FROM finding_due WHERE rule = 'COUNSEL-REFERRAL-LATE'").all();
    expect(due).toEqual([{ finding_id: 'COUNSEL-REFERRAL-LATE:case-le-warrant:ins-w', due_at: '2025-03-03T23:00:00.000Z' }]);
    materialiseDueFindings(db, new Date('2025-03-04T00:00:00.000Z'));
    expect(queryFindings(db, { rule: 'COUNSEL-REFERRAL-LATE', limit: 5 }).items).toEqual([
      expect.objectContaining({ severity: 'warning', caseId: 'case-le-warrant', message: expect.stringContaining('12 hours') }),
    ]);
    const old = await project(counselSla12, projectedHistory(caseHistories(), '2024-07-10'));
    materialiseDueFindings(old, new Date('2025-04-01T00:00:00.000Z'));
    expect(queryFindings(old, { rule: 'COUNSEL-REFERRAL-LATE', limit: 5 }).items).toEqual([]);
  });

  it('WARRANT-STAFF-RECORDED: a search warrant recorded or executed by staff alone asks for the director\'s review', async () => {
    const staffWarrant = given(
      openLawEnforcementCase(['name']),
      { ...recordInstrument(['name'], { instrumentId: 'ins-sw', instrumentType: 'search_warrant' }), actor: staff },
      executeWarrant(['name'], staff),
    ).history;
    const db = await project(sla60, projectedHistory({ 'case-staff-warrant': staffWarrant.map((event) => ({ ...event, data: { ...event.data, caseId: 'case-staff-warrant' } }) as CaseEvent) }));
    const found = queryFindings(db, { rule: 'WARRANT-STAFF-RECORDED', limit: 5 }).items;
    expect(found.map((f) => [f.severity, f.findingId])).toEqual([
      ['info', 'WARRANT-STAFF-RECORDED:case-staff-warrant:r2'],
      ['info', 'WARRANT-STAFF-RECORDED:case-staff-warrant:ins-sw'],
    ]);
    expect(rulesOf(await project(sla60, events)).filter((rule) => rule.startsWith('WARRANT-STAFF'))).toEqual([]);
  });

  it('DEADLINE-MISSED: an objection filed before the return date stops the clock; its citation names the return date', async () => {
    const objected = given(
      openLawEnforcementCase(['name']),
      referToDirector(),
      recordInstrument(['name'], { instrumentType: 'subpoena', returnDate: '2025-03-03T11:30:00.000Z' }),
      referToCounsel(),
      { ...adviseCounsel('move_to_quash'), filedAt: '2025-03-03T11:00:00.000Z' },
    ).history;
    const late = objected.map((event) => (event.type === 'CounselAdviceRecorded' ? { ...event, data: { ...event.data, filedAt: '2025-03-03T11:45:00.000Z' } } : event));
    const deadlines = async (history: CaseEvent[]) => {
      const db = await project(sla60, projectedHistory({ 'case-q': history.map((event) => ({ ...event, data: { ...event.data, caseId: 'case-q' } }) as CaseEvent) }));
      materialiseDueFindings(db, new Date('2025-04-01T00:00:00.000Z'));
      return queryFindings(db, { rule: 'DEADLINE-MISSED', limit: 5 }).items;
    };
    expect(await deadlines(objected)).toEqual([]);
    expect(await deadlines(late)).toEqual([
      expect.objectContaining({ caseId: 'case-q', citation: expect.stringMatching(/^Return date 2025-03-03T11:30:00.000Z of the subpoena \(ins-1\); Disclosure to Law Enforcement/) }),
    ]);
  });

  it('DEADLINE-MISSED of a federal subpoena cites the rule that governs it, FRCP 45; a state one (or one that does not say) the policy', async () => {
    const withJurisdiction = (jurisdiction?: 'federal' | 'state') =>
      given(
        openLawEnforcementCase(['name']),
        referToDirector(),
        recordInstrument(['name'], { instrumentType: 'subpoena', returnDate: '2025-03-03T11:30:00.000Z', ...(jurisdiction !== undefined && { jurisdiction }) }),
      ).history.map((event) => ({ ...event, data: { ...event.data, caseId: 'case-j' } }) as CaseEvent);
    const citationOf = async (history: CaseEvent[]) => {
      const db = await project(sla60, projectedHistory({ 'case-j': history }));
      materialiseDueFindings(db, new Date('2025-04-01T00:00:00.000Z'));
      return queryFindings(db, { rule: 'DEADLINE-MISSED', limit: 5 }).items.map((finding) => finding.citation);
    };
    expect(await citationOf(withJurisdiction('federal'))).toEqual([
      'Return date 2025-03-03T11:30:00.000Z of the subpoena (ins-1); FRCP 45(c), (d)(2)(B); Disclosure to Law Enforcement, step 4',
    ]);
    for (const jurisdiction of ['state', undefined] as const) {
      expect(await citationOf(withJurisdiction(jurisdiction))).toEqual(['Return date 2025-03-03T11:30:00.000Z of the subpoena (ins-1); Disclosure to Law Enforcement, step 4']);
    }
  });

  it('a referral dated earlier than it was recorded is measured from its recording (third reading); events of earlier readings keep their occurredAt', async () => {
    // Referred "at 11:00", 60 minutes after receipt (on time), but recorded at 12:00.
    const history = given(openLawEnforcementCase(['name']), referToDirector()).history.map((event) => ({ ...event, data: { ...event.data, caseId: 'case-b' } }) as CaseEvent);
    const recordedAtNoon = (event: CaseEvent) => (event.type === 'ReferredToDirector' ? '2025-03-03T12:00:00.000Z' : undefined);
    const late = async (policyVersion?: string, recordedAtOf?: (event: CaseEvent) => string | undefined) =>
      queryFindings(await project(sla60, projectedHistory({ 'case-b': history }, policyVersion, recordedAtOf)), { rule: 'LE-REFERRAL-LATE', limit: 5 }).items;
    expect(await late(undefined, recordedAtNoon)).toEqual([expect.objectContaining({ caseId: 'case-b', message: expect.stringContaining('120 minutes after') })]);
    expect(await late(undefined)).toEqual([]);
    expect(await late('2024-07-10.2', recordedAtNoon)).toEqual([]);
  });

  it('the Director confirming the dated time of a referral withdraws the finding its recording time made', async () => {
    const referred = given(openLawEnforcementCase(['name']), referToDirector());
    const confirmed = referred.when(confirmEarlierTime('director_referral'));
    expect(confirmed.events).toEqual([expect.objectContaining({ type: 'EarlierTimeConfirmed', data: expect.objectContaining({ act: 'director_referral', confirmedAt: '2025-03-03T11:00:00.000Z' }) })]);
    const recordedAtNoon = (event: CaseEvent) => (event.type === 'ReferredToDirector' ? '2025-03-03T12:00:00.000Z' : undefined);
    const late = async (history: readonly CaseEvent[]) =>
      queryFindings(await project(sla60, projectedHistory({ 'case-c': history.map((event) => ({ ...event, data: { ...event.data, caseId: 'case-c' } }) as CaseEvent) }, undefined, recordedAtNoon)), { rule: 'LE-REFERRAL-LATE', limit: 5 }).items;
    expect(await late(referred.history)).toHaveLength(1);
    expect(await late([...referred.history, ...confirmed.events])).toEqual([]);
  });

  describe('the subpoena clocks of the third reading', () => {
    const asCase = (history: CaseEvent[], caseId: string) => history.map((event) => ({ ...event, data: { ...event.data, caseId } }) as CaseEvent);
    const findingsAfter = async (rule: FindingRule, history: CaseEvent[], policyVersion?: string) => {
      const db = await project(sla60, projectedHistory({ 'case-s': asCase(history, 'case-s') }, policyVersion));
      materialiseDueFindings(db, new Date('2025-04-01T00:00:00.000Z'));
      return queryFindings(db, { rule, limit: 5 }).items;
    };
    const subpoena = (extra: object = {}) => recordInstrument(['name'], { instrumentType: 'subpoena', returnDate: '2025-03-10T12:00:00.000Z', ...extra });

    it('SUBPOENA-UNANSWERED: a subpoena refused with nothing filed before its return date is a violation once the date passes; an objection filed in time, or the rule pack before, is none', async () => {
      const refusedUnanswered = given(openLawEnforcementCase(['name']), referToDirector(), subpoena(), referToCounsel(), adviseCounsel('decline'), refuse(director)).history;
      expect(await findingsAfter('SUBPOENA-UNANSWERED', refusedUnanswered)).toEqual([
        expect.objectContaining({ rule: 'SUBPOENA-UNANSWERED', severity: 'violation', caseId: 'case-s', detectedAt: '2025-03-10T12:00:00.000Z', message: expect.stringContaining('no objection or motion to quash') }),
      ]);
      expect(await findingsAfter('DEADLINE-MISSED', refusedUnanswered)).toEqual([]);
      const objected = given(openLawEnforcementCase(['name']), referToDirector(), subpoena(), referToCounsel(), { ...adviseCounsel('object'), filedAt: '2025-03-03T11:30:00.000Z' }, decideRelease('deny')).history;
      expect(await findingsAfter('SUBPOENA-UNANSWERED', objected)).toEqual([]);
      // Events of the second reading keep the meaning they had: no such clock ran.
      expect(await findingsAfter('SUBPOENA-UNANSWERED', refusedUnanswered, '2024-07-10.2')).toEqual([]);
      // Before the return date has passed, it is only due.
      const db = await project(sla60, projectedHistory({ 'case-s': asCase(refusedUnanswered, 'case-s') }));
      materialiseDueFindings(db, new Date('2025-03-05T00:00:00.000Z'));
      expect(queryFindings(db, { rule: 'SUBPOENA-UNANSWERED', limit: 5 }).items).toEqual([]);
    });

    it('OBJECTION-LATE: a federal subpoena objected to after the earlier of its return date and 14 days after service is a warning; in time, or a state subpoena, none', async () => {
      const objectedAt = (filedAt: string, jurisdiction: 'federal' | 'state' = 'federal') =>
        given(openLawEnforcementCase(['name']), referToDirector(), subpoena({ returnDate: '2025-03-03T11:30:00.000Z', jurisdiction }), referToCounsel(), { ...adviseCounsel('object'), filedAt }).history;
      expect(await findingsAfter('OBJECTION-LATE', objectedAt('2025-03-03T11:45:00.000Z'))).toEqual([
        expect.objectContaining({
          rule: 'OBJECTION-LATE',
          severity: 'warning',
          detectedAt: '2025-03-03T11:45:00.000Z',
          citation: 'FRCP 45(d)(2)(B); Disclosure to Law Enforcement, step 4',
          message: expect.stringContaining('deadline of 2025-03-03T11:30:00.000Z'),
        }),
      ]);
      expect(await findingsAfter('OBJECTION-LATE', objectedAt('2025-03-03T11:15:00.000Z'))).toEqual([]);
      expect(await findingsAfter('OBJECTION-LATE', objectedAt('2025-03-03T11:45:00.000Z', 'state'))).toEqual([]);
      expect(await findingsAfter('OBJECTION-LATE', objectedAt('2025-03-03T11:45:00.000Z'), '2024-07-10.2')).toEqual([]);
    });

    it('OBJECTION-LATE counts the 14 days on the library’s calendar when the subpoena was recorded with its zone: the last day runs to midnight in New York, across the change to daylight time', async () => {
      // Served 3 March 2025 at 06:00 EST; the 14th day, 17 March, is on daylight time: it ends at 04:00 UTC on the 18th.
      const objectedAt = (filedAt: string) =>
        given(
          openLawEnforcementCase(['name']),
          referToDirector(),
          { command: subpoena({ returnDate: '2025-04-30T12:00:00.000Z', jurisdiction: 'federal' }), context: { timeZone: 'America/New_York' } },
          referToCounsel(),
          { ...adviseCounsel('object'), filedAt, occurredAt: '2025-03-19T12:00:00.000Z', recordedAt: '2025-03-19T12:00:00.000Z' },
        ).history;
      expect(await findingsAfter('OBJECTION-LATE', objectedAt('2025-03-18T03:30:00.000Z'))).toEqual([]);
      expect(await findingsAfter('OBJECTION-LATE', objectedAt('2025-03-18T04:30:00.000Z'))).toEqual([
        expect.objectContaining({ rule: 'OBJECTION-LATE', message: expect.stringContaining('deadline of 2025-03-18T04:00:00.000Z') }),
      ]);
    });
  });

  describe('the reply clock of a public-records request for statistics (FOI3, FOI5)', () => {
    const newYork = { ...defaultContext, timeZone: 'America/New_York' };
    // Tuesday 4 March 2025, 8 pm EST: already Wednesday 5 March in UTC; the clocks go forward on Sunday 9 March.
    const eightPm = { ...openStatisticsRequest(), occurredAt: '2025-03-05T01:00:00.000Z', recordedAt: '2025-03-05T01:00:00.000Z' };
    const lateAt = async (history: CaseEvent[], now: string) => {
      const db = await project(sla60, projectedHistory({ 'case-foi': history.map((event) => ({ ...event, data: { ...event.data, caseId: 'case-foi' } }) as CaseEvent) }));
      materialiseDueFindings(db, new Date(now));
      return queryFindings(db, { rule: 'FOI-REPLY-LATE', limit: 5 }).items.map((f) => f.detectedAt);
    };

    it('given a request at 8 pm in New York recorded with the library\u2019s zone, when the fourth business day ends there (Monday 10 March, EDT), then FOI-REPLY-LATE, and not a moment before', async () => {
      const opened = given({ command: eightPm, context: newYork }).history;
      expect(opened[0]).toMatchObject({ type: 'DisclosureRequested', data: { timeZone: 'America/New_York' } });
      expect(await lateAt(opened, '2025-03-11T03:59:59.999Z')).toEqual([]);
      expect(await lateAt(opened, '2025-03-11T04:00:00.000Z')).toEqual(['2025-03-11T04:00:00.000Z']);
    });

    it('given a request recorded without a zone (before FOI5), then its UTC days keep the meaning they had: Wednesday 5 March is the day of receipt', async () => {
      const opened = given(eightPm).history;
      expect(opened[0].data).not.toHaveProperty('timeZone');
      expect(await lateAt(opened, '2025-03-11T23:59:59.999Z')).toEqual([]);
      expect(await lateAt(opened, '2025-03-12T00:00:00.000Z')).toEqual(['2025-03-12T00:00:00.000Z']);
    });

    it('only a request for statistics records the zone: no other request has a clock in days from its receipt', () => {
      expect(given({ command: openCase(), context: newYork }).history[0].data).not.toHaveProperty('timeZone');
    });
  });

  it('time-based findings wait in finding_due and appear once the clock passes them, without any new event', async () => {
    const db = await project(sla60, events);
    const due = (db.prepare('SELECT finding_id, due_at FROM finding_due ORDER BY finding_id').all() as { finding_id: string; due_at: string }[]);
    expect(due).toEqual([
      { finding_id: 'COUNSEL-REFERRAL-LATE:case-le-warrant:ins-w', due_at: '2025-03-04T11:00:00.000Z' },
      { finding_id: 'DEADLINE-MISSED:case-le-sealed:ins-gag', due_at: '2025-03-10T12:00:00.000Z' },
      { finding_id: 'LE-REFERRAL-LATE:case-le-waiting', due_at: '2025-03-03T11:00:00.000Z' },
      { finding_id: 'WARRANT-NO-COUNSEL-REVIEW:case-le-warrant:ins-w@4', due_at: '2025-03-10T11:00:00.000Z' },
    ]);
    expect(materialiseDueFindings(db, new Date('2025-03-03T10:59:59.999Z'))).toBe(0);
    expect(materialiseDueFindings(db, new Date('2025-03-03T11:00:00.000Z'))).toBe(1);
    expect(materialiseDueFindings(db, new Date('2025-03-03T11:00:00.000Z'))).toBe(0);
    expect(materialiseDueFindings(db, new Date('2025-04-01T00:00:00.000Z'))).toBe(3);
    const found = queryFindings(db, { limit: 50 }).items;
    expect(found.filter((f) => f.rule === 'WARRANT-NO-COUNSEL-REVIEW' || f.rule === 'DEADLINE-MISSED').map((f) => [f.rule, f.severity, f.detectedAt])).toEqual([
      ['WARRANT-NO-COUNSEL-REVIEW', 'violation', '2025-03-10T11:00:00.000Z'],
      ['DEADLINE-MISSED', 'violation', '2025-03-10T12:00:00.000Z'],
    ].reverse().sort((a, b) => b[2].localeCompare(a[2])));
    expect(queryFindings(db, { severity: 'violation', limit: 50 }).items).toHaveLength(2);
    expect(queryFindings(db, { from: '2025-03-10T00:00:00Z', to: '2025-03-10T11:30:00Z', limit: 50 }).items.map((f) => f.rule)).toEqual(['WARRANT-NO-COUNSEL-REVIEW']);
  });

  it('an event that resolves a pending finding withdraws it; advice after 7 days settles it for good', async () => {
    const db = await project(sla60, events);
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
    expect(db.prepare("SELECT source FROM findings WHERE finding_id = ?").get(late.findingId)).toEqual({ source: 'event' });
  });

  it('a return date already past when the case was received is no missed deadline dated before the case, but a finding of its own, as of the recording', async () => {
    const lateInstrument: FindingFacts = {
      ...facts('case-le-subpoena'),
      receivedAt: '2025-03-10T09:00:00.000Z',
      closedAt: null,
      instruments: [{ instrumentId: 'ins-late', type: 'subpoena', returnDate: '2025-03-01T00:00:00.000Z', recordedAt: '2025-03-10T12:00:00.000Z' }],
      settled: [],
    };
    const { findings, due } = findingsOfFacts(lateInstrument, 60);
    expect(due.filter((f) => f.rule === 'DEADLINE-MISSED')).toEqual([]);
    expect(findings.filter((f) => f.rule === 'DEADLINE-MISSED')).toEqual([]);
    expect(findings.find((f) => f.rule === 'RETURN-DATE-BEFORE-RECEIPT')).toMatchObject({
      findingId: 'RETURN-DATE-BEFORE-RECEIPT:case-le-subpoena:ins-late',
      severity: 'warning',
      detectedAt: '2025-03-10T12:00:00.000Z',
      message: expect.stringContaining('had already passed when the case was received'),
    });
    // A return date after the case was received still counts as missed if the case is open then.
    const onTime = { ...lateInstrument, instruments: [{ ...lateInstrument.instruments[0], returnDate: '2025-03-11T00:00:00.000Z' }] };
    expect(findingsOfFacts(onTime, 60).due.map((f) => [f.rule, f.detectedAt])).toContainEqual(['DEADLINE-MISSED', '2025-03-11T00:00:00.000Z']);
  });

  it('knows every finding rule of the contract', async () => {
    expect([...FINDING_RULE_IDS].sort()).toEqual(
      ['AG-NOTICE-LATE', 'BREACH-NOTICE-LATE', 'COUNSEL-REFERRAL-LATE', 'DEADLINE-MISSED', 'FAMILY-CARD-BASIS', 'FOI-REPLY-LATE', 'LE-REFERRAL-LATE', 'LE-RELEASE-WITHOUT-COURT-ORDER', 'OBJECTION-LATE', 'PATRON-NOTICE-DUE', 'RETENTION-COUNSEL-APPROVAL', 'RETURN-DATE-BEFORE-RECEIPT', 'SUBPOENA-UNANSWERED', 'WARRANT-NO-COUNSEL-REVIEW', 'WARRANT-STAFF-RECORDED', 'WELLNESS-DISCLOSURE'],
    );
  });
});

describe('PATRON-NOTICE-DUE: the patron may be told once no non-disclosure order remains', () => {
  const sla60 = createCaseViewsProjection({ referralSlaMinutes: 60 });
  const asCase = (history: readonly CaseEvent[]) => history.map((event) => ({ ...event, data: { ...event.data, caseId: 'case-g' } }) as CaseEvent);
  const sealedCase = given(openLawEnforcementCase(['name']), referToDirector(), recordInstrument(['name'], { nondisclosureOrder: true }));
  const ended = sealedCase.when(endNondisclosure(director));
  const notified = given(...[openLawEnforcementCase(['name']), referToDirector(), recordInstrument(['name'], { nondisclosureOrder: true }), endNondisclosure(director)]).when(recordPatronNotice(director));
  const notices = async (history: readonly CaseEvent[], reader?: ReturnType<typeof sealedCasesOpenTo>) =>
    queryFindings(await project(sla60, projectedHistory({ 'case-g': asCase(history) })), { rule: 'PATRON-NOTICE-DUE', limit: 5, ...(reader && { reader }) }).items;
  const auditor = sealedCasesOpenTo({ userId: 'u-other-auditor', role: 'auditor', isActiveDesignee: false });

  it('given the last order ended, then an info finding dated when it ended, shown to readers without need-to-know (the case is no longer sealed)', async () => {
    const found = await notices([...sealedCase.history, ...ended.events], auditor);
    expect(found).toEqual([
      expect.objectContaining({ rule: 'PATRON-NOTICE-DUE', severity: 'info', caseId: 'case-g', detectedAt: '2025-03-03T11:00:00.000Z', message: expect.stringContaining('may now be told'), citation: expect.stringContaining('ALA') }),
    ]);
  });

  it('a request about a resource raises it only once a patron is attached: before, there is nobody to tell', async () => {
    const { patron: _none, ...aboutComputer } = openLawEnforcementCase(['computer_sessions']);
    const opened = given({ ...aboutComputer, subject: { kind: 'resource', description: 'Public computer 4' } }, referToDirector(), recordInstrument(['computer_sessions'], { nondisclosureOrder: true }));
    const ended = opened.when(endNondisclosure(director));
    expect(await notices([...opened.history, ...ended.events])).toEqual([]);
    const attached = { type: 'PatronsAttached', data: { caseId: 'case-1', occurredAt: '2025-03-03T12:00:00.000Z', by: 'u-director', patrons: [{ blindIndex: 'bi-2', pseudonym: 'P-2', encryptedRef: 'enc:2', isMinor: false }] } } as CaseEvent;
    expect(await notices([...opened.history, attached, ...ended.events])).toHaveLength(1);
  });

  it('while an order is in force there is none; once the notice is recorded it is withdrawn', async () => {
    expect(await notices(sealedCase.history)).toEqual([]);
    expect(await notices([...sealedCase.history, ...ended.events, ...notified.events])).toEqual([]);
  });

  it('unsealing follows the orders in the findings too: the sealed case\'s findings open to the auditor once it ends', async () => {
    const facts = findingFactsOf(recordedCaseFrom([...sealedCase.history, ...ended.events])!);
    expect(facts).toMatchObject({ sealed: false, unsealedAt: '2025-03-03T11:00:00.000Z', gagOrders: [] });
    const stillSealed = findingFactsOf(recordedCaseFrom(sealedCase.history)!);
    expect(stillSealed).toMatchObject({ sealed: true, gagOrders: ['ins-1'] });
  });
});

describe('findings on a sealed case', () => {
  const events = projectedHistory();
  const findings = createCaseViewsProjection({ referralSlaMinutes: 60 });

  it('are left out for a reader without need-to-know (their rules would reveal an instrument); the director and a reader with need-to-know see them', async () => {
    const db = await project(findings, events);
    materialiseDueFindings(db, new Date('2025-04-01T00:00:00.000Z'));
    const as = (userId: string, role: CaseViewer['role']) => sealedCasesOpenTo({ userId, role, isActiveDesignee: false });
    const missed = (reader: ReturnType<typeof as>) => queryFindings(db, { caseId: 'case-le-sealed', rule: 'DEADLINE-MISSED', limit: 5, reader }).items[0];
    expect(missed(as('u-other-auditor', 'auditor'))).toBeUndefined();
    expect(missed(as('u-other-counsel', 'counsel'))).toBeUndefined();
    expect(queryFindings(db, { limit: 50, reader: as('u-other-auditor', 'auditor') }).items.filter((f) => f.caseId === 'case-le-sealed')).toEqual([]);
    expect(missed(as('u-auditor', 'auditor')).message).toContain('ins-gag');
    expect(missed(as('u-director', 'director')).message).toContain('court order');
    // Findings on unsealed cases are never withheld.
    const warrant = queryFindings(db, { caseId: 'case-le-warrant', limit: 5, reader: as('u-other-auditor', 'auditor') }).items[0];
    expect(warrant.message).toContain('ins-w');
  });
});

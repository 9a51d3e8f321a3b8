import type Database from 'better-sqlite3';
import { type BreachDataElement, DEFAULT_JURISDICTION, type IncidentEvent } from '@ledger/domain';
import type { ProjectedEvent } from '../runner/projection.js';
import { dumpViews, project, rebuilt } from '../testing/view-harness.js';
import { materialiseDueFindings, queryFindings } from '../findings/findings.projection.js';
import { createCaseViewsProjection } from '../cases/case-views.projection.js';
import { applyBreachNotice } from '../findings/breach-notice-findings.js';
import { incidentsProjection, listIncidents } from './incidents.projection.js';

const DISCOVERED = '2025-05-01T09:00:00.000Z';
const ann = { blindIndex: 'a'.repeat(64), pseudonym: 'P-ann', encryptedRef: 'v2.i-1-a.iv.SECRET-CIPHERTEXT.tag' };
const bob = { blindIndex: 'b'.repeat(64), pseudonym: 'P-bob', encryptedRef: 'v2.i-1-b.iv.SECRET-CIPHERTEXT.tag' };

function incidentEvents(notices: { who: 'ann' | 'bob' | 'group'; at: string }[]): ProjectedEvent[] {
  const events: IncidentEvent[] = [
    {
      type: 'BreachIncidentRecorded',
      data: { incidentId: 'inc-1', discoveredAt: DISCOVERED, description: 'Mailing list exposed', systems: ['newsletter'], affectedPatrons: [ann, bob], affectedGroup: 'Newsletter subscribers', occurredAt: DISCOVERED, by: 'u-director' },
    },
    ...notices.map(
      ({ who, at }, i): IncidentEvent => ({
        type: 'BreachNotificationRecorded',
        data: {
          incidentId: 'inc-1',
          notificationId: `n-${i}`,
          ...(who === 'group' ? { group: 'Newsletter subscribers' } : { patron: { blindIndex: (who === 'ann' ? ann : bob).blindIndex, pseudonym: (who === 'ann' ? ann : bob).pseudonym } }),
          method: 'email',
          notifiedAt: at,
          occurredAt: at,
          by: 'u-director',
        },
      }),
    ),
  ];
  return events.map((event, i) => ({ stream: 'incident-inc-1', revision: BigInt(i), position: BigInt(i + 1), type: event.type, data: event.data, metadata: {} }));
}

describe('incidents view', () => {
  const events = incidentEvents([
    { who: 'ann', at: '2025-05-10T00:00:00.000Z' },
    { who: 'group', at: '2025-05-11T00:00:00.000Z' },
  ]);

  it('replayed as a rebuild gives the same view as event by event, and applying every event twice changes nothing', async () => {
    const once = dumpViews(await project(incidentsProjection, events));
    expect(dumpViews(await rebuilt(incidentsProjection, events))).toEqual(once);
    expect(dumpViews(await project(incidentsProjection, events, 2))).toEqual(once);
    expect(JSON.stringify(once)).not.toContain('SECRET-CIPHERTEXT');
  });

  it('shows each incident with its notices, who still waits and whether the deadline passed', async () => {
    const db = await project(incidentsProjection, events);
    const [incident] = listIncidents(db, 60, new Date('2025-05-20T00:00:00.000Z'));
    expect(incident).toMatchObject({
      incidentId: 'inc-1',
      noticeDeadline: '2025-06-30T09:00:00.000Z',
      affected: { patrons: 2, pseudonyms: ['P-ann', 'P-bob'], group: 'Newsletter subscribers' },
      notifications: { count: 2, patronsNotified: 1, groupNotified: true },
      awaitingNotice: { pseudonyms: ['P-bob'], group: false },
      overdue: false,
    });
    expect(listIncidents(db, 60, new Date('2025-07-01T00:00:00.000Z'))[0].overdue).toBe(true);
  });
});

describe('BREACH-NOTICE-LATE', () => {
  const findings = createCaseViewsProjection({ referralSlaMinutes: 60, breachNoticeDays: 60 });
  const breachFindings = (db: Database.Database) =>
    queryFindings(db, { rule: 'BREACH-NOTICE-LATE', limit: 10 }).items.map((item) => [item.findingId, item.severity, item.caseId, item.detectedAt]);

  it('given an incident, when 60 days pass with a patron not notified, then a violation dated at the deadline; notified in time, none', async () => {
    const db = await project(findings, incidentEvents([{ who: 'ann', at: '2025-05-10T00:00:00.000Z' }, { who: 'group', at: '2025-05-11T00:00:00.000Z' }]));
    materialiseDueFindings(db, new Date('2025-06-30T09:00:00.000Z'));
    expect(breachFindings(db)).toEqual([['BREACH-NOTICE-LATE:inc-1:P-bob', 'violation', 'inc-1', '2025-06-30T09:00:00.000Z']]);
  });

  it('a notice after the deadline settles the finding; a notice recorded after the deadline never withdraws it, whatever date it bears', async () => {
    const late = await project(findings, incidentEvents([{ who: 'ann', at: '2025-07-05T00:00:00.000Z' }]));
    materialiseDueFindings(late, new Date('2025-07-10T00:00:00.000Z'));
    const items = queryFindings(late, { rule: 'BREACH-NOTICE-LATE', limit: 10 }).items;
    expect(items.find((item) => item.findingId.endsWith('P-ann'))!.message).toContain('notified late, on 2025-07-05');
    expect(items.map((item) => item.findingId).sort()).toEqual(['BREACH-NOTICE-LATE:inc-1:P-ann', 'BREACH-NOTICE-LATE:inc-1:P-bob', 'BREACH-NOTICE-LATE:inc-1:group']);

    const db = await project(findings, incidentEvents([]));
    materialiseDueFindings(db, new Date('2025-07-10T00:00:00.000Z'));
    expect(breachFindings(db)).toHaveLength(3);
    // Recorded on day 90, dated day 59: the finding stays, annotated.
    const notice = incidentEvents([{ who: 'bob', at: '2025-06-01T00:00:00.000Z' }])[1];
    findings.apply(db, { ...notice, position: 10n, metadata: { recordedAt: '2025-07-10T00:00:00.000Z' } });
    findings.flush?.(db);
    expect(breachFindings(db).map(([id]) => id)).toContain('BREACH-NOTICE-LATE:inc-1:P-bob');
    const bob = queryFindings(db, { rule: 'BREACH-NOTICE-LATE', limit: 10 }).items.find((item) => item.findingId.endsWith('P-bob'))!;
    expect(bob.message).toContain('notified late, on 2025-06-01T00:00:00.000Z by its own date, recorded only on 2025-07-10T00:00:00.000Z');
    expect(bob.detectedAt).toBe('2025-06-30T09:00:00.000Z');
  });

  it('replayed as a rebuild, or each event applied twice, gives the same findings', async () => {
    const events = incidentEvents([{ who: 'ann', at: '2025-07-05T00:00:00.000Z' }, { who: 'bob', at: '2025-05-05T00:00:00.000Z' }]);
    const once = dumpViews(await project(findings, events));
    expect(dumpViews(await rebuilt(findings, events))).toEqual(once);
    expect(dumpViews(await project(findings, events, 2))).toEqual(once);
  });
});

describe('breach notices as CGS § 36a-701b has them', () => {
  const findings = createCaseViewsProjection({ referralSlaMinutes: 60, breachNoticeDays: 60 });
  const carol = { blindIndex: 'c'.repeat(64), pseudonym: 'P-carol', encryptedRef: 'v2.i-1-c.iv.SECRET-CIPHERTEXT.tag' };
  const at = (day: number, hour = 9) => new Date(Date.parse(DISCOVERED) + (day * 24 + hour - 9) * 3_600_000).toISOString();
  type Later = IncidentEvent | { event: IncidentEvent; recordedAt: string };

  /** An incident that exposed `dataElements` (ann only, no group), then the events given, each recorded when it says. */
  function statuteIncident(dataElements: readonly BreachDataElement[], later: Later[]): ProjectedEvent[] {
    const recorded: IncidentEvent = {
      type: 'BreachIncidentRecorded',
      data: { incidentId: 'inc-2', discoveredAt: DISCOVERED, description: 'Patron accounts copied', systems: ['ILS'], affectedPatrons: [ann], dataElements, occurredAt: DISCOVERED, by: 'u-director' },
    };
    return [recorded, ...later].map((entry, i) => {
      const { event, recordedAt } = 'event' in entry ? entry : { event: entry, recordedAt: entry.data.occurredAt };
      return { stream: 'incident-inc-2', revision: BigInt(i), position: BigInt(i + 1), type: event.type, data: event.data, metadata: { recordedAt } };
    });
  }
  const notice = (who: typeof ann, notifiedAt: string, id = `n-${who.pseudonym}`): IncidentEvent => ({
    type: 'BreachNotificationRecorded',
    data: { incidentId: 'inc-2', notificationId: id, patron: { blindIndex: who.blindIndex, pseudonym: who.pseudonym }, method: 'mail', notifiedAt, occurredAt: notifiedAt, by: 'u-director' },
  });
  const agNotice = (notifiedAt: string): IncidentEvent => ({ type: 'AttorneyGeneralNotified', data: { incidentId: 'inc-2', notifiedAt, occurredAt: notifiedAt, by: 'u-director' } });
  const delay = (from: string, to: string, occurredAt: string): IncidentEvent => ({
    type: 'BreachNoticeDelayed',
    data: { incidentId: 'inc-2', delayId: `d-${from}`, requestedBy: 'State Police', from, to, occurredAt, by: 'u-director' },
  });
  const added = (occurredAt: string): IncidentEvent => ({ type: 'AffectedPatronsAdded', data: { incidentId: 'inc-2', affectedPatrons: [carol], occurredAt, by: 'u-director' } });
  const all = (db: Database.Database) => queryFindings(db, { limit: 50 }).items.filter((item) => item.caseId === 'inc-2');

  it('BREACH-NOTICE-LATE cites the statute for personal information, the policy for anything else', async () => {
    for (const [elements, citation, words] of [
      [['name', 'social_security_number'], 'CGS § 36a-701b(b)(1)', 'CGS § 36a-701b(b)(1) requires the notice'],
      [['name', 'other'], 'Email Newsletters and Other Updates ("the Library will notify anyone who may be affected")', 'the policy\u2019s promise requires the notice'],
    ] as const) {
      const db = await project(findings, statuteIncident(elements, []));
      materialiseDueFindings(db, new Date(at(70)));
      const late = all(db).find((item) => item.rule === 'BREACH-NOTICE-LATE')!;
      expect(late.citation).toBe(citation);
      expect(late.message).toContain(words);
    }
  });

  it('AG-NOTICE-LATE: the Attorney General notified first, none; a resident notified first, a violation at once that a later notice only annotates', async () => {
    const inOrder = await project(findings, statuteIncident(['online_credentials'], [agNotice(at(5)), notice(ann, at(6))]));
    materialiseDueFindings(inOrder, new Date(at(90)));
    expect(all(inOrder)).toEqual([]);

    const residentsFirst = await project(findings, statuteIncident(['online_credentials'], [notice(ann, at(5)), { event: agNotice(at(5, 8)), recordedAt: at(6) }]));
    const [ag] = all(residentsFirst);
    expect(ag).toMatchObject({ findingId: 'AG-NOTICE-LATE:inc-2', severity: 'violation', detectedAt: at(5) });
    expect(ag.message).toContain(`residents were notified first, on ${at(5)}`);
    expect(ag.message).toContain(`the Attorney General was notified late, on ${at(5, 8)}`);
    expect(ag.citation).toContain('CGS § 36a-701b(b)(1)');

    const never = await project(findings, statuteIncident(['online_credentials'], []));
    materialiseDueFindings(never, new Date(at(61)));
    expect(all(never).map((item) => [item.rule, item.detectedAt]).sort()).toEqual([['AG-NOTICE-LATE', at(60)], ['BREACH-NOTICE-LATE', at(60)]]);

    const policyOnly = await project(findings, statuteIncident(['name', 'other'], [notice(ann, at(5))]));
    materialiseDueFindings(policyOnly, new Date(at(90)));
    expect(all(policyOnly)).toEqual([]);
  });

  it('a delay law enforcement asked for stops the clock; one recorded after the deadline moves nothing', async () => {
    const delayed = await project(findings, statuteIncident(['other'], [delay(at(10), at(30), at(11)), notice(ann, at(75))]));
    materialiseDueFindings(delayed, new Date(at(90)));
    expect(all(delayed)).toEqual([]);
    const tooLate = await project(findings, statuteIncident(['other'], [delay(at(10), at(30), at(61)), notice(ann, at(75))]));
    expect(all(tooLate).map((item) => item.findingId)).toEqual(['BREACH-NOTICE-LATE:inc-2:P-ann']);
    expect(all(tooLate)[0].detectedAt).toBe(at(60));
  });

  it('a patron found later has a clock of their own, from when they were found', async () => {
    // Day 95 is past the incident's day 60, but within carol's 60 days from day 40.
    const inTime = await project(findings, statuteIncident(['other'], [notice(ann, at(1)), added(at(40)), notice(carol, at(95))]));
    materialiseDueFindings(inTime, new Date(at(120)));
    expect(all(inTime)).toEqual([]);
    const db = await project(findings, statuteIncident(['other'], [notice(ann, at(1)), added(at(40)), notice(carol, at(105))]));
    const [late] = all(db);
    expect(late).toMatchObject({ findingId: 'BREACH-NOTICE-LATE:inc-2:P-carol', detectedAt: at(100) });
    expect(late.message).toContain(`found on ${at(40)} to be affected`);
    const view = await project(incidentsProjection, statuteIncident(['name', 'biometric_data'], [added(at(40)), agNotice(at(2)), delay(at(10), at(20), at(11))]));
    expect(listIncidents(view, 60, new Date(at(41)))[0]).toMatchObject({
      noticeLaw: 'statute',
      dataElements: ['name', 'biometric_data'],
      noticeDeadline: at(70),
      affected: { patrons: 2, foundLater: [{ pseudonym: 'P-carol', foundAt: at(40), noticeDeadline: at(100) }] },
      attorneyGeneral: { notifiedAt: at(2), beforeResidents: true },
      delays: [{ requestedBy: 'State Police', from: at(10), to: at(20) }],
    });
    expect(JSON.stringify(dumpViews(view))).not.toContain('SECRET-CIPHERTEXT');
  });

  it('replayed as a rebuild, or each event applied twice, gives the same findings and incidents', async () => {
    const events = statuteIncident(['name', 'government_id'], [notice(ann, at(5)), delay(at(10), at(30), at(11)), added(at(40)), { event: agNotice(at(5, 8)), recordedAt: at(6) }, notice(carol, at(95))]);
    for (const projection of [findings, incidentsProjection]) {
      const once = dumpViews(await project(projection, events));
      expect(dumpViews(await rebuilt(projection, events))).toEqual(once);
      expect(dumpViews(await project(projection, events, 2))).toEqual(once);
    }
  });
});

describe('breach-notice findings and the pack', () => {
  it('a pack that does not list BREACH-NOTICE-LATE starts no clock for it; the default pack does', async () => {
    const [recorded] = incidentEvents([]);
    const event = { type: recorded.type, data: recorded.data } as IncidentEvent;
    const pending = (db: Database.Database) => db.prepare("SELECT finding_id FROM finding_due WHERE rule = 'BREACH-NOTICE-LATE'").all();
    const withoutIt = { ...DEFAULT_JURISDICTION, findingRules: DEFAULT_JURISDICTION.findingRules.filter((rule) => rule !== 'BREACH-NOTICE-LATE') };
    const db = await project(createCaseViewsProjection({ referralSlaMinutes: 60 }), []);
    applyBreachNotice(db, event, { days: 60 }, undefined, withoutIt);
    expect(pending(db)).toEqual([]);
    const other = await project(createCaseViewsProjection({ referralSlaMinutes: 60 }), []);
    applyBreachNotice(other, event, { days: 60 }, undefined, DEFAULT_JURISDICTION);
    expect(pending(other)).toHaveLength(3);
  });
});

import type Database from 'better-sqlite3';
import type { IncidentEvent } from '@ledger/domain';
import type { ProjectedEvent } from '../runner/projection.js';
import { dumpViews, project, rebuilt } from '../testing/view-harness.js';
import { materialiseDueFindings, queryFindings } from '../findings/findings.projection.js';
import { createCaseViewsProjection } from '../cases/case-views.projection.js';
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
    expect(listIncidents(db, 60, new Date('2025-07-01T00:00:00.000Z'))[0]!.overdue).toBe(true);
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
    const notice = incidentEvents([{ who: 'bob', at: '2025-06-01T00:00:00.000Z' }])[1]!;
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

import type Database from 'better-sqlite3';
import type { ProjectedEvent } from '../runner/projection.js';
import type { RetentionEvent } from '@ledger/domain';
import { pseudonymOf } from '@ledger/ledger';
import { caseHistories, projectedHistory } from '../testing/case-histories.js';
import { applyLive, dumpViews, project, rebuilt } from '../testing/view-harness.js';
import { createCaseViewsProjection } from '../cases/case-views.projection.js';
import {
  holdsInForceOver,
  identityShredOfCase,
  listLegalHolds,
  patronIdentifiersIn,
  patronPseudonymsIn,
  retentionFactsOf,
  retentionFactsOfPatron,
  retentionFactsOfPatronAcrossIdentifiers,
  retentionProjection,
  retentionScheduleOf,
  unshreddedClosedCases,
} from './retention.projection.js';

const AT = '2025-06-01T00:00:00.000Z';
function retentionEvents(start: number): ProjectedEvent[] {
  const events: RetentionEvent[] = [
    { type: 'LegalHoldPlaced', data: { holdId: 'h1', target: { caseId: 'case-family' }, reason: 'Litigation', matter: 'CV-1', occurredAt: AT, by: 'u-counsel' } },
    { type: 'LegalHoldPlaced', data: { holdId: 'h2', target: { patron: { blindIndex: 'bi-x', pseudonym: 'P-x' } }, reason: 'Preservation', occurredAt: AT, by: 'u-director' } },
    { type: 'LegalHoldReleased', data: { holdId: 'h1', reason: 'Settled', occurredAt: '2025-06-02T00:00:00.000Z', by: 'u-counsel' } },
    {
      type: 'PatronIdentityShredded',
      data: {
        caseId: 'case-patron',
        caseIds: ['case-patron'],
        pseudonym: 'P-1',
        keyId: 'k-patron',
        keyFingerprint: 'f'.repeat(32),
        scheduleRule: 'RET-PATRON-SELF',
        scheduleVersion: 0,
        dueDate: AT,
        basis: 'schedule',
        occurredAt: AT,
        by: 'retention-scheduler',
      },
    },
    { type: 'RetentionScheduleSet', data: { version: 1, rules: [{ id: 'R1', caseKind: 'patron_self_service', keepDays: 7 }], occurredAt: AT, by: 'u-director' } },
  ];
  return events.map((event, i) => ({ stream: 'retention-main', revision: BigInt(i), position: BigInt(start + i + 1), type: event.type, data: event.data, metadata: {} }));
}

describe('retention view', () => {
  const events = [...projectedHistory(), ...retentionEvents(projectedHistory().length)];
  const caseViews = createCaseViewsProjection({ referralSlaMinutes: 60 });
  /** The retention view with the case views beside it, as the app has them: the cases' retention facts are a case view. */
  const withCaseViews = async (db: Database.Database) => {
    caseViews.setup(db);
    await applyLive(db, caseViews, events);
    return db;
  };

  it('replayed as a rebuild gives the same view as event by event, and applying every event twice changes nothing', async () => {
    const once = dumpViews(await project(retentionProjection, events));
    expect(dumpViews(await project(caseViews, events)).cases.length).toBe(Object.keys(caseHistories()).length);
    expect(dumpViews(await rebuilt(retentionProjection, events))).toEqual(once);
    expect(dumpViews(await project(retentionProjection, events, 2))).toEqual(once);
  });

  it('links identifiers to their patron (replayed twice, the same view) and finds the patron\'s cases under any of them', async () => {
    const plain = await withCaseViews(await project(retentionProjection, events));
    // The case histories' patron is known by a card; its ILS id (with no case of its own) becomes the patron's own identity.
    const card = retentionFactsOf(plain, 'case-patron')!.blindIndex;
    const patron = 'bi-ils-id';
    const claimed: ProjectedEvent = {
      stream: `patron-${card}`,
      revision: 0n,
      position: BigInt(events.length + 1),
      type: 'PatronIdentifierClaimed',
      data: { blindIndex: card, pseudonym: 'P-card', occurredAt: AT, by: 'u-staff', ownerBlindIndex: patron, ownerPseudonym: 'P-patron' },
      metadata: {},
    };
    const linked = [...events, claimed];
    const once = dumpViews(await project(retentionProjection, linked));
    expect(once.patron_identifiers).toEqual([{ identifier: card, patron }]);
    expect(dumpViews(await rebuilt(retentionProjection, linked))).toEqual(once);
    expect(dumpViews(await project(retentionProjection, linked, 2))).toEqual(once);

    const db = await withCaseViews(await project(retentionProjection, linked));
    expect(patronIdentifiersIn(db, card)).toEqual([patron, card]);
    expect(patronIdentifiersIn(db, patron)).toEqual([patron, card]);
    expect(patronIdentifiersIn(db, 'bi-nobody-linked')).toEqual(['bi-nobody-linked']);
    expect(patronPseudonymsIn(db, pseudonymOf(card))).toEqual([pseudonymOf(patron), pseudonymOf(card)]);
    expect(patronPseudonymsIn(db, 'P-000000000000')).toEqual(['P-000000000000']);
    expect(patronPseudonymsIn(plain, pseudonymOf(card))).toEqual([pseudonymOf(card)]);
    const across = retentionFactsOfPatronAcrossIdentifiers(db, card);
    expect(across.map((facts) => facts.caseId)).toEqual(retentionFactsOfPatron(db, card).map((facts) => facts.caseId));
    expect(across.map((facts) => facts.caseId)).toContain('case-patron');
    expect(across.every((facts) => JSON.stringify(facts.patronIdentifiers) === JSON.stringify([patron, card]))).toBe(true);
    expect(retentionFactsOfPatronAcrossIdentifiers(db, patron)).toEqual(across);
    expect(retentionFactsOfPatronAcrossIdentifiers(plain, patron)).toEqual([]);
  });

  it('holds each case\'s facts (kind, instrument, when closed, the key its reference is under), never the reference', async () => {
    const db = await withCaseViews(await project(retentionProjection, events));
    expect(retentionFactsOf(db, 'case-patron')).toMatchObject({ requesterKind: 'patron', wellnessCheck: false, hasInstrument: false, closedAt: expect.any(String) });
    const le = Object.keys(caseHistories()).find((caseId) => caseId.startsWith('case-le'))!;
    expect(retentionFactsOf(db, le)).toMatchObject({ requesterKind: 'law_enforcement' });
    const patron = retentionFactsOf(db, 'case-patron')!;
    expect(retentionFactsOfPatron(db, patron.blindIndex).map((facts) => facts.caseId)).toContain('case-patron');
    expect(JSON.stringify(dumpViews(db))).not.toContain('encryptedRef');
  });

  it('lists holds in force before released ones, finds holds over a case or its patron, the shred of a case and the schedule set', async () => {
    const db = await withCaseViews(await project(retentionProjection, events));
    expect(listLegalHolds(db).map((hold) => [hold.holdId, hold.status])).toEqual([
      ['h2', 'in_force'],
      ['h1', 'released'],
    ]);
    expect(holdsInForceOver(db, 'case-other', 'bi-x')).toEqual(['h2']);
    expect(holdsInForceOver(db, 'case-family', 'bi-none')).toEqual([]);
    expect(identityShredOfCase(db, 'case-patron')).toMatchObject({ keyId: 'k-patron', scheduleRule: 'RET-PATRON-SELF', basis: 'schedule' });
    expect(identityShredOfCase(db, 'case-family')).toBeNull();
    expect(retentionScheduleOf(db).version).toBe(1);
  });

  it('offers as purge candidates only closed cases whose key has not been shredded', async () => {
    const db = await withCaseViews(await project(retentionProjection, events));
    const candidates = unshreddedClosedCases(db, '2030-01-01T00:00:00.000Z').map((facts) => facts.caseId);
    expect(candidates.length).toBeGreaterThan(0);
    for (const caseId of candidates) expect(retentionFactsOf(db, caseId)!.closedAt).not.toBeNull();
    // case-patron's key is k-patron in the shred above, not the key its own facts name: it stays a candidate only by its own key.
    expect(unshreddedClosedCases(db, '2000-01-01T00:00:00.000Z')).toEqual([]);
  });
});

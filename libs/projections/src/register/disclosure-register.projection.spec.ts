import type Database from 'better-sqlite3';
import { sealedCasesOpenTo } from '@ledger/domain';
import {
  queryDisclosureRegister,
  queryDisclosureStats,
  type DisclosureRegisterFilter,
} from './disclosure-register.projection.js';
import { caseHistories, projectedHistory } from '../testing/case-histories.js';
import { project } from '../testing/view-harness.js';
import { caseViews } from '../testing/case-views.js';

const ids = (db: Database.Database, filter: Partial<DisclosureRegisterFilter>) =>
  queryDisclosureRegister(db, { limit: 50, reader: sealedCasesOpenTo({ userId: 'u-other-auditor', role: 'auditor', isActiveDesignee: false }), ...filter })
    .items.map((item) => item.caseId)
    .sort();

describe('disclosure register view', () => {
  const events = projectedHistory();

  it('answers one row per case with exactly the contract fields', async () => {
    const db = await project(caseViews, events);
    const row = queryDisclosureRegister(db, { limit: 50, reader: sealedCasesOpenTo({ userId: 'x', role: 'auditor', isActiveDesignee: false }), requesterKind: 'law_enforcement', outcome: 'released' }).items.find(
      (item) => item.caseId === 'case-le-subpoena',
    );
    expect(row).toEqual({
      caseId: 'case-le-subpoena',
      openedAt: '2025-03-03T10:00:00.000Z',
      closedAt: '2025-03-03T11:00:00.000Z',
      requesterKind: 'law_enforcement',
      channel: 'in_person',
      patronPseudonym: 'P-7Q2K',
      requestedCategories: ['circulation_history'],
      releasedCategories: ['circulation_history'],
      outcome: 'released',
      rules: ['LE-REFER'],
      instrumentType: 'subpoena',
      // Released on the patron's written consent: the subpoena did not authorise it.
      instruments: [{ type: 'subpoena', authorisedRelease: false }],
      counselAdvice: 'comply',
      decidedBy: 'u-director',
      kind: 'disclosure_request',
      status: 'closed',
      sealed: false,
    });
  });

  it('filters by requester kind, channel, outcome, category, patron pseudonym and time', async () => {
    const db = await project(caseViews, events);
    expect(ids(db, { requesterKind: 'family_or_friend' })).toEqual(['case-family']);
    expect(ids(db, { channel: 'email' })).toEqual(['case-foia']);
    expect(ids(db, { outcome: 'refused_no_instrument' })).toEqual(['case-le-explained']);
    expect(ids(db, { category: 'holds' })).toEqual(['case-patron']);
    // Asked for or released: the wellness case released phone.
    expect(ids(db, { category: 'phone' })).toEqual(['case-wellness']);
    expect(ids(db, { patronPseudonym: 'P-7Q2K' })).toHaveLength(Object.keys(caseHistories()).length - 1); // the sealed one stays hidden
    expect(ids(db, { patronPseudonym: 'P-000000000000' })).toEqual([]);
    expect(ids(db, { from: '2025-03-03T10:00:00.000Z', to: '2025-03-03T10:00:00.001Z' })).toHaveLength(Object.keys(caseHistories()).length);
    expect(ids(db, { from: '2025-03-04T00:00:00Z' })).toEqual([]);
  });

  it('shows a sealed case as existing, without content, except to a reader granted need-to-know', async () => {
    const db = await project(caseViews, events);
    const sealed = queryDisclosureRegister(db, { limit: 50, reader: sealedCasesOpenTo({ userId: 'u-other-auditor', role: 'auditor', isActiveDesignee: false }) }).items.find((item) => item.caseId === 'case-le-sealed');
    expect(sealed).toEqual(expect.objectContaining({ sealed: true, patronPseudonym: null, requesterKind: null, requestedCategories: [], rules: [], instrumentType: null, counselAdvice: null, status: null, closedAt: null, kind: null }));
    expect(ids(db, { category: 'name', requesterKind: 'law_enforcement' })).toEqual(['case-le-explained', 'case-le-waiting', 'case-wellness']);
    const granted = queryDisclosureRegister(db, { limit: 50, reader: sealedCasesOpenTo({ userId: 'u-auditor', role: 'auditor', isActiveDesignee: false }), category: 'name', requesterKind: 'law_enforcement' }).items;
    expect(granted.map((item) => [item.caseId, item.sealed, item.patronPseudonym])).toContainEqual(['case-le-sealed', true, 'P-7Q2K']);
  });

  it('pages with an opaque cursor until every case was seen once', async () => {
    const db = await project(caseViews, events);
    for (const filter of [{}, { category: 'name' as const }]) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = queryDisclosureRegister(db, { limit: 2, reader: sealedCasesOpenTo({ userId: 'x', role: 'auditor', isActiveDesignee: false }), cursor, ...filter });
        seen.push(...page.items.map((item) => item.caseId));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(ids(db, { ...filter }).reverse().sort().reverse());
      expect(new Set(seen).size).toBe(seen.length);
    }
  });

  it('every register query is answered from an index, without sorting the table', async () => {
    const db = await project(caseViews, events);
    const filters: Partial<DisclosureRegisterFilter>[] = [
      {},
      { from: '2025-01-01T00:00:00Z', to: '2025-12-31T00:00:00Z' },
      { requesterKind: 'patron' },
      { channel: 'phone' },
      { outcome: 'released' },
      { category: 'checkouts' },
      { patronPseudonym: 'P-7Q2K' },
    ];
    const spy = db.prepare.bind(db);
    for (const filter of filters) {
      let plan = '';
      db.prepare = ((sql: string) => {
        // The rows' query; the instruments of the page's cases are then read by their primary key.
        if (/FROM register_instruments\s+WHERE case_id IN/.test(sql)) return spy(sql);
        plan = (spy(`EXPLAIN QUERY PLAN ${sql}`).all({ sealedGrantee: 'x', limit: 3, ...Object.fromEntries(Object.entries(filter).map(([k, v]) => [k === 'patronPseudonym' ? 'patron' : k, v])) }) as { detail: string }[])
          .map((row) => row.detail)
          .join('\n');
        return spy(sql);
      });
      queryDisclosureRegister(db, { limit: 2, reader: sealedCasesOpenTo({ userId: 'x', role: 'auditor', isActiveDesignee: false }), ...filter });
      expect(plan).toMatch(/USING (COVERING )?INDEX (register_by|cases_by_time)|SEARCH c USING PRIMARY KEY \(category=/);
      expect(plan).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
    }
  });

  it('counts cases by requester kind, outcome and instrument type, sealed ones only in the total', async () => {
    const stats = queryDisclosureStats(await project(caseViews, events), {});
    expect(stats).toEqual({
      from: null,
      to: null,
      total: 9,
      sealed: 1,
      byRequesterKind: { family_or_friend: 1, law_enforcement: 5, patron: 1, public_records: 1 },
      byOutcome: { open: 2, refused: 1, refused_no_instrument: 1, released: 4 },
      byInstrumentType: { search_warrant: 1, subpoena: 1 },
    });
    expect(queryDisclosureStats(await project(caseViews, events), { from: '2026-01-01T00:00:00Z' }).total).toBe(0);
    // The auditor the director granted need-to-know counts the sealed case like any other.
    expect(queryDisclosureStats(await project(caseViews, events), { reader: sealedCasesOpenTo({ userId: 'u-auditor', role: 'auditor', isActiveDesignee: false }) })).toMatchObject({
      total: 9,
      sealed: 0,
      byRequesterKind: { family_or_friend: 1, law_enforcement: 6, patron: 1, public_records: 1 },
      byInstrumentType: { court_order: 1, search_warrant: 1, subpoena: 1 },
    });
    expect(queryDisclosureStats(await project(caseViews, events), { reader: sealedCasesOpenTo({ userId: 'u-other-auditor', role: 'auditor', isActiveDesignee: false }) })).toMatchObject({ sealed: 1, byInstrumentType: { search_warrant: 1, subpoena: 1 } });
  });
});

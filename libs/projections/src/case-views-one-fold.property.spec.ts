import { sealedCasesOpenTo } from '@ledger/domain';
import fc from 'fast-check';
import type Database from 'better-sqlite3';
import { caseStateFrom } from '@ledger/domain';
import { caseHistory } from '../../domain/src/testing/case-history.arbitrary.js';
import { projectedHistory } from './testing/case-histories.js';
import { dumpViews, project, rebuilt } from './testing/view-harness.js';
import { caseViews } from './testing/case-views.js';
import { queryDisclosureRegister } from './register/disclosure-register.projection.js';
import { queryDirectorBoard } from './director/director-board.projection.js';

/*
 * Issue 14 point 1: the case lifecycle is written once. For random valid histories — made by the real
 * deciders, so every history is one the ledger could hold — every case view's status (and outcome,
 * where it keeps one) is what the domain's own fold says.
 */

const columns = (db: Database.Database, table: string) =>
  db.prepare(`SELECT * FROM ${table} WHERE case_id = 'case-1'`).all() as { status?: string; outcome?: string | null; case_open?: number }[];

describe('every case view agrees with the one fold (caseStateFrom)', () => {
  it('on status and outcome, for random valid histories, followed live or rebuilt', async () => {
    await fc.assert(
      fc.asyncProperty(caseHistory(), async (history) => {
        const folded = caseStateFrom(history);
        if (!folded.exists) return;
        const events = projectedHistory({ 'case-1': history });
        const db = await project(caseViews, events);
        expect(columns(db, 'cases')).toEqual([expect.objectContaining({ status: folded.status, outcome: folded.outcome ?? null })]);
        // The register and the board read that one row, each through its own query.
        const register = queryDisclosureRegister(db, { limit: 5, reader: sealedCasesOpenTo({ userId: 'u-none', role: 'auditor', isActiveDesignee: false }) }).items;
        expect(register).toEqual([folded.sealed ? expect.objectContaining({ sealed: true, status: null }) : expect.objectContaining({ status: folded.status, outcome: folded.outcome ?? null })]);
        expect(queryDirectorBoard(db, { status: 'all', limit: 5 }).items).toEqual([expect.objectContaining({ status: folded.status })]);
        // Counsel's queue holds the cases ever referred to counsel; deadlines come from the instruments on record.
        expect(columns(db, 'counsel_queue')).toEqual(folded.counselUserId === undefined ? [] : [expect.objectContaining({ status: folded.status })]);
        const deadlines = columns(db, 'deadlines');
        expect(deadlines.every((row) => row.status === folded.status && row.case_open === (folded.status === 'closed' ? 0 : 1))).toBe(true);
        expect(deadlines.length > 0).toBe(folded.instruments.some((instrument) => instrument.type === 'subpoena' || instrument.returnDate !== undefined));
        // Rebuilt with one fold held at a time (folds leave memory and are read back from the stream): the same views.
        expect(dumpViews(await rebuilt(caseViews, events, { batch: 2, heldRows: 1 }))).toEqual(dumpViews(db));
      }),
      { numRuns: 150 },
    );
  });
});

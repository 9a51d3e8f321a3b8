import type Database from 'better-sqlite3';
import type { CaseStatus, Category, Channel, CounselAdvice, InstrumentType, Outcome, RequesterKind, SealedCaseScope } from '@ledger/domain';
import { authorisedRelease, CATEGORIES, jurisdictionOfEvent, union } from '@ledger/domain';
import { statement, utc } from '../support/case-projection.js';
import type { CaseFold } from '../cases/case-fold.js';
import type { CaseView } from '../cases/case-view.js';
import { encodeCursor, openedBeforeCursor, type Page } from '../support/cursor.js';
import { inOneSnapshot } from '../support/one-snapshot.js';
import { sealedCaseOpenSql, sealedScopeParams } from '../support/sealed-cases.js';

/** One case as the auditor's register shows it (API.md), plus what the view needs to filter and seal (columns of the cases table). */
export interface DisclosureRegisterRow {
  readonly caseId: string;
  readonly openedAt: string;
  readonly closedAt: string | null;
  readonly requesterKind: RequesterKind;
  readonly channel: Channel | null;
  readonly patronPseudonym: string | null;
  readonly requestedCategories: readonly Category[];
  readonly releasedCategories: readonly Category[];
  readonly outcome: Outcome | null;
  /** Ids of the rules that fired when the request was evaluated. */
  readonly rules: readonly string[];
  /** The first instrument's type (all of them are in `register_instruments`, and in `instruments` of the item). */
  readonly instrumentType: InstrumentType | null;
  readonly counselAdvice: CounselAdvice | null;
  readonly decidedBy: string | null;
  readonly kind: 'disclosure_request' | 'wellness_check';
  readonly status: CaseStatus;
  readonly sealed: boolean;
}

/** Pure: the register's row of a case, mapped from the one fold. */
export function disclosureRegisterRowOf({ case: state, course }: CaseFold): DisclosureRegisterRow {
  return {
    caseId: state.caseId,
    openedAt: utc(state.receivedAt),
    closedAt: state.closedAt === undefined ? null : utc(state.closedAt),
    requesterKind: state.requesterKind,
    channel: state.channel ?? null,
    patronPseudonym: state.patron?.pseudonym ?? null,
    requestedCategories: state.requestedCategories,
    releasedCategories: state.releasedCategories,
    outcome: state.outcome ?? null,
    rules: state.ruleIds,
    instrumentType: state.instruments[0]?.type ?? null,
    counselAdvice: course.latestAdvice,
    decidedBy: state.decidedBy ?? null,
    kind: state.kind,
    status: state.status,
    sealed: state.sealed,
  };
}

const REGISTER_COLUMNS = `case_id, opened_at, closed_at, requester_kind, channel, patron_pseudonym, outcome, status, sealed, kind,
  requested_categories, released_categories, rules, instrument_type, counsel_advice, decided_by`;

/** A case's category rows, found by their key: every category there is, at the case's opening. */
const DELETE_CASE_CATEGORIES = `DELETE FROM case_categories WHERE category IN (${CATEGORIES.map(() => '?').join(', ')}) AND opened_at = ? AND case_id = ?`;

/**
 * The auditor's register: its columns are in the cases table (`casesTableView`), over which it keeps
 * an index per filter; its own tables hold each case's categories, instruments (one row each, in the order
 * recorded, with whether it authorised the release) and need-to-know grants.
 * `case_categories` is keyed by what a category filter reads, (category, opened_at, case_id), so
 * that it needs no second index and each row goes in next to the last one of its category.
 */
export const disclosureRegisterView: CaseView = {
  name: 'disclosure-register',
  columnsInCasesTable: true,
  version: 4,
  tables: ['case_categories', 'register_instruments', 'register_need_to_know'],
  indexesInOpeningOrder: ['register_by_kind', 'register_by_channel', 'register_by_outcome'],
  ddl: `CREATE INDEX IF NOT EXISTS register_by_kind ON cases (requester_kind, opened_at, case_id);
    CREATE INDEX IF NOT EXISTS register_by_channel ON cases (channel, opened_at, case_id);
    CREATE INDEX IF NOT EXISTS register_by_outcome ON cases (outcome, opened_at, case_id);
    CREATE INDEX IF NOT EXISTS register_by_patron ON cases (patron_pseudonym, opened_at, case_id);
    CREATE TABLE IF NOT EXISTS case_categories (
      category TEXT NOT NULL, opened_at TEXT NOT NULL, case_id TEXT NOT NULL, requested INTEGER NOT NULL, released INTEGER NOT NULL,
      PRIMARY KEY (category, opened_at, case_id)) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS register_instruments (case_id TEXT NOT NULL, ordinal INTEGER NOT NULL, instrument_type TEXT NOT NULL,
      opened_at TEXT NOT NULL, authorised_release INTEGER NOT NULL, PRIMARY KEY (case_id, ordinal));
    CREATE INDEX IF NOT EXISTS register_instruments_by_time ON register_instruments (opened_at);
    CREATE TABLE IF NOT EXISTS register_need_to_know (case_id TEXT NOT NULL, user_id TEXT NOT NULL, PRIMARY KEY (case_id, user_id));`,
  write(db, { case: state }, replacing) {
    const { caseId, requestedCategories, releasedCategories } = state;
    const openedAt = utc(state.receivedAt);
    // A case's opening never changes, so its old category rows are found by their key.
    if (replacing) statement(db, DELETE_CASE_CATEGORIES).run(...CATEGORIES, openedAt, caseId);
    const category = statement(db, 'INSERT INTO case_categories (category, opened_at, case_id, requested, released) VALUES (?, ?, ?, ?, ?)');
    for (const name of union(requestedCategories, releasedCategories)) {
      category.run(name, openedAt, caseId, requestedCategories.includes(name) ? 1 : 0, releasedCategories.includes(name) ? 1 : 0);
    }
    // Instruments are only ever added; whether one authorised the release changes when records leave.
    // Which instruments open the statute's door is the law of the jurisdiction the case was opened under.
    const doors = jurisdictionOfEvent(state.jurisdiction).releaseDoors;
    const instrument = statement(
      db,
      `INSERT INTO register_instruments (case_id, ordinal, instrument_type, opened_at, authorised_release) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (case_id, ordinal) DO UPDATE SET authorised_release = excluded.authorised_release`,
    );
    state.instruments.forEach((recorded, ordinal) => instrument.run(caseId, ordinal, recorded.type, openedAt, authorisedRelease(recorded, state, doors) ? 1 : 0));
    const grant = statement(db, 'INSERT OR IGNORE INTO register_need_to_know (case_id, user_id) VALUES (?, ?)');
    for (const userId of state.needToKnow) grant.run(caseId, userId);
  },
};

/** The register item of a row read by its columns. */
function itemOfColumns(row: Record<string, string | number | null>, instruments: readonly RegisterInstrument[]): DisclosureRegisterItem {
  return {
    caseId: row.case_id as string,
    openedAt: row.opened_at as string,
    closedAt: row.closed_at as string | null,
    requesterKind: row.requester_kind as RequesterKind,
    channel: row.channel as Channel | null,
    // '' in the column: a request about a resource or a transaction names no single patron.
    patronPseudonym: (row.patron_pseudonym as string) || null,
    requestedCategories: JSON.parse(row.requested_categories as string) as Category[],
    releasedCategories: JSON.parse(row.released_categories as string) as Category[],
    outcome: row.outcome as Outcome | null,
    rules: JSON.parse(row.rules as string) as string[],
    instrumentType: row.instrument_type as InstrumentType | null,
    instruments,
    counselAdvice: row.counsel_advice as CounselAdvice | null,
    decidedBy: row.decided_by as string | null,
    kind: row.kind as DisclosureRegisterRow['kind'],
    status: row.status as CaseStatus,
    sealed: row.sealed === 1,
  };
}

export interface RegisterInstrument {
  readonly type: InstrumentType;
  readonly authorisedRelease: boolean;
}

/** The register row the API answers with. */
export interface DisclosureRegisterItem {
  readonly caseId: string;
  readonly openedAt: string;
  readonly closedAt: string | null;
  readonly requesterKind: RequesterKind | null;
  readonly channel: Channel | null;
  readonly patronPseudonym: string | null;
  readonly requestedCategories: readonly Category[];
  readonly releasedCategories: readonly Category[];
  readonly outcome: Outcome | null;
  readonly rules: readonly string[];
  /** The first instrument's type, kept for readers of the first register; every instrument is in `instruments`. */
  readonly instrumentType: InstrumentType | null;
  /** Every instrument on the case in the order recorded, marking those that authorised what was released (`authorisedRelease`). */
  readonly instruments: readonly RegisterInstrument[];
  readonly counselAdvice: CounselAdvice | null;
  readonly decidedBy: string | null;
  readonly kind: DisclosureRegisterRow['kind'] | null;
  /** Null for a sealed case the reader may not see: where it stands would tell that counsel is advising on an instrument. */
  readonly status: CaseStatus | null;
  readonly sealed: boolean;
}

/** A sealed case the reader may not see: that it exists and when it was opened; nothing of its content or its course. */
export function sealedRegisterItem(row: Pick<DisclosureRegisterRow, 'caseId' | 'openedAt'>): DisclosureRegisterItem {
  return {
    caseId: row.caseId,
    openedAt: row.openedAt,
    closedAt: null,
    requesterKind: null,
    channel: null,
    patronPseudonym: null,
    requestedCategories: [],
    releasedCategories: [],
    outcome: null,
    rules: [],
    instrumentType: null,
    instruments: [],
    counselAdvice: null,
    decidedBy: null,
    kind: null,
    status: null,
    sealed: true,
  };
}


export interface DisclosureRegisterFilter {
  /** Inclusive, on openedAt. */
  readonly from?: string;
  /** Exclusive, on openedAt. */
  readonly to?: string;
  readonly requesterKind?: RequesterKind;
  readonly channel?: Channel;
  readonly outcome?: Outcome;
  /** Cases that asked for or released this category. */
  readonly category?: Category;
  readonly patronPseudonym?: string;
  /** Cases under any of these pseudonyms: every identifier of one patron (instead of `patronPseudonym`). */
  readonly patronPseudonyms?: readonly string[];
  readonly limit: number;
  readonly cursor?: string;
  /** Which sealed cases the reader is named in (`sealedCasesOpenTo(reader)`): the others show as `{caseId, openedAt, sealed}`. */
  readonly reader: SealedCaseScope;
}

/** Nobody's scope: every sealed case stays sealed (counts and lists made for no one in particular). */
const NAMED_IN_NONE: SealedCaseScope = { every: false, grantedTo: null, referredTo: null };

/**
 * Newest first, paged by an opaque cursor over (openedAt, caseId). Every filter has an index that
 * starts with it and goes on with (opened_at, case_id); a category filter drives from
 * `case_categories`. Filters on content never match a sealed case the reader may not see.
 */
export function queryDisclosureRegister(db: Database.Database, filter: DisclosureRegisterFilter): Page<DisclosureRegisterItem> {
  const VISIBLE = sealedCaseOpenSql(filter.reader, 'r.case_id', 'r.sealed');
  const params: Record<string, string | number> = { ...sealedScopeParams(filter.reader), limit: filter.limit + 1 };
  const driver = filter.category ? 'c' : 'r';
  const where: string[] = [];
  let contentFiltered = false;
  if (filter.category) { where.push('c.category = @category'); params.category = filter.category; contentFiltered = true; }
  if (filter.requesterKind) { where.push('r.requester_kind = @requesterKind'); params.requesterKind = filter.requesterKind; contentFiltered = true; }
  if (filter.channel) { where.push('r.channel = @channel'); params.channel = filter.channel; contentFiltered = true; }
  if (filter.outcome) { where.push('r.outcome = @outcome'); params.outcome = filter.outcome; contentFiltered = true; }
  const patrons = filter.patronPseudonyms ?? (filter.patronPseudonym ? [filter.patronPseudonym] : []);
  if (patrons.length > 0) {
    // One pseudonym (most patrons have one identifier) keeps the equality the patron index answers in order.
    const names = patrons.map((_, i) => (i === 0 ? 'patron' : `patron${i}`));
    const named = patrons.length === 1 ? '= @patron' : `IN (${names.map((name) => `@${name}`).join(', ')})`;
    patrons.forEach((pseudonym, i) => (params[names[i]] = pseudonym));
    // A request about a resource or a transaction names its patrons once the Director attaches them. Only a
    // patron attached to one needs the OR (whose few rows are then sorted); the others keep the index's order.
    const attached = db.prepare(`SELECT 1 FROM attached_patrons WHERE pseudonym ${named} LIMIT 1`).get(Object.fromEntries(names.map((name) => [name, params[name]]))) !== undefined;
    where.push(attached ? `(r.patron_pseudonym ${named} OR r.case_id IN (SELECT a.case_id FROM attached_patrons a WHERE a.pseudonym ${named}))` : `r.patron_pseudonym ${named}`);
    contentFiltered = true;
  }
  if (contentFiltered) where.push(VISIBLE);
  if (filter.from) { where.push(`${driver}.opened_at >= @from`); params.from = utc(filter.from); }
  if (filter.to) { where.push(`${driver}.opened_at < @to`); params.to = utc(filter.to); }
  if (filter.cursor) {
    const after = openedBeforeCursor(filter.cursor, driver);
    where.push(after.sql);
    Object.assign(params, after.params);
  }
  // CROSS JOIN: the categories drive (SQLite keeps the left table outside), in their key's order.
  const from = filter.category ? 'case_categories c CROSS JOIN cases r ON r.case_id = c.case_id' : 'cases r';
  // The rows and their instruments from one commit of the views.
  return inOneSnapshot(db, (): Page<DisclosureRegisterItem> => {
    const rows = db
      .prepare(
        `SELECT ${REGISTER_COLUMNS.split(',').map((column) => `r.${column.trim()}`).join(', ')}, ${VISIBLE} AS visible
         FROM ${from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY ${driver}.opened_at DESC, ${driver}.case_id DESC LIMIT @limit`,
      )
      .all(params) as Record<string, string | number | null>[];
    const page = rows.slice(0, filter.limit);
    const instruments = instrumentsOfCases(db, page.filter((row) => row.visible).map((row) => row.case_id as string));
    const items = page.map((row) =>
      row.visible
        ? itemOfColumns(row, instruments.get(row.case_id as string) ?? [])
        : sealedRegisterItem({ caseId: row.case_id as string, openedAt: row.opened_at as string }),
    );
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > filter.limit && last ? encodeCursor([last.openedAt, last.caseId]) : null };
  });
}

/** The instruments of the given cases, each case's in the order recorded. */
function instrumentsOfCases(db: Database.Database, caseIds: readonly string[]): Map<string, RegisterInstrument[]> {
  const byCase = new Map<string, RegisterInstrument[]>();
  if (caseIds.length === 0) return byCase;
  const rows = db
    .prepare(
      `SELECT case_id, instrument_type, authorised_release FROM register_instruments
       WHERE case_id IN (${caseIds.map(() => '?').join(', ')}) ORDER BY case_id, ordinal`,
    )
    .all(...caseIds) as { case_id: string; instrument_type: InstrumentType; authorised_release: number }[];
  for (const row of rows) {
    const list = byCase.get(row.case_id) ?? [];
    list.push({ type: row.instrument_type, authorisedRelease: row.authorised_release === 1 });
    byCase.set(row.case_id, list);
  }
  return byCase;
}

export interface DisclosureStats {
  readonly from: string | null;
  readonly to: string | null;
  readonly total: number;
  /** Sealed cases are counted here and in `total`, never in a breakdown. */
  readonly sealed: number;
  readonly byRequesterKind: Record<string, number>;
  /** Open cases count under `open`. */
  readonly byOutcome: Record<string, number>;
  /** Cases per instrument type (a case with two types counts under each). */
  readonly byInstrumentType: Record<string, number>;
}

/** Counts over cases opened in [from, to), all read from one commit of the views. */
export function queryDisclosureStats(db: Database.Database, range: { from?: string; to?: string; reader?: SealedCaseScope }): DisclosureStats {
  const where: string[] = [];
  // A sealed case counts in the breakdowns only for a reader named in it; for everyone else it is one
  // more in `sealed`, nothing more.
  const reader = range.reader ?? NAMED_IN_NONE;
  const VISIBLE = sealedCaseOpenSql(reader, 'r.case_id', 'r.sealed');
  const params: Record<string, string> = sealedScopeParams(reader);
  if (range.from) { where.push('r.opened_at >= @from'); params.from = utc(range.from); }
  if (range.to) { where.push('r.opened_at < @to'); params.to = utc(range.to); }
  const clause = (extra?: string) => {
    const all = [...where, ...(extra ? [extra] : [])];
    return all.length ? `WHERE ${all.join(' AND ')}` : '';
  };
  const counts = (sql: string): Record<string, number> =>
    Object.fromEntries((db.prepare(sql).all(params) as { key: string; n: number }[]).map((row) => [row.key, row.n]));
  return inOneSnapshot(db, (): DisclosureStats => {
    const totals = db.prepare(`SELECT count(*) AS total, coalesce(sum(NOT ${VISIBLE}), 0) AS sealed FROM cases r ${clause()}`).get(params) as {
      total: number;
      sealed: number;
    };
    return {
      from: params.from ?? null,
      to: params.to ?? null,
      total: totals.total,
      sealed: totals.sealed,
      byRequesterKind: counts(`SELECT r.requester_kind AS key, count(*) AS n FROM cases r ${clause(VISIBLE)} GROUP BY key ORDER BY key`),
      byOutcome: counts(`SELECT coalesce(r.outcome, 'open') AS key, count(*) AS n FROM cases r ${clause(VISIBLE)} GROUP BY key ORDER BY key`),
      byInstrumentType: counts(
        `SELECT i.instrument_type AS key, count(DISTINCT i.case_id) AS n FROM register_instruments i JOIN cases r ON r.case_id = i.case_id
         ${clause(VISIBLE)} GROUP BY key ORDER BY key`,
      ),
    };
  });
}

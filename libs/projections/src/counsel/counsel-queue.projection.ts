import type Database from 'better-sqlite3';
import type { CaseStatus, CounselAdvice, InstrumentType, RequesterKind } from '@ledger/domain';
import { statement, utc } from '../support/case-projection.js';
import type { CaseFold } from '../cases/case-fold.js';
import type { CaseView } from '../cases/case-view.js';
import { decodeCursor, encodeCursor, type Page } from '../support/cursor.js';

/** A case as the counsel it was referred to follows it. */
export interface CounselQueueRow {
  readonly caseId: string;
  readonly requesterKind: RequesterKind;
  readonly status: CaseStatus;
  readonly openedAt: string;
  readonly sealed: boolean;
  readonly instrumentTypes: readonly InstrumentType[];
  /** The counsel of the current referral (the one who may advise), null before any referral. */
  readonly counselUserId: string | null;
  readonly referredAt: string | null;
  readonly referralNote: string | null;
  /** Advice on the current referral. */
  readonly advice: CounselAdvice | null;
  readonly advisedAt: string | null;
}

/** Pure: the counsel queue's row of a case, mapped from the one fold; null until the case is first referred to counsel. */
export function counselQueueRowOf({ case: state }: CaseFold): CounselQueueRow | null {
  if (state.counselUserId === undefined) return null;
  return {
    caseId: state.caseId,
    requesterKind: state.requesterKind,
    status: state.status,
    openedAt: utc(state.receivedAt),
    sealed: state.sealed,
    instrumentTypes: state.instruments.map((instrument) => instrument.type),
    counselUserId: state.counselUserId,
    referredAt: state.referredToCounselAt === undefined ? null : utc(state.referredToCounselAt),
    referralNote: state.referralNote ?? null,
    advice: state.advice?.advice ?? null,
    advisedAt: state.advice === undefined ? null : utc(state.advice.advisedAt),
  };
}

const COUNSEL_COLUMNS = 'case_id, counsel_user_id, referred_at, status, sealed, requester_kind, opened_at, instrument_types, referral_note, advice, advised_at';

/** Counsel's queue: a row for every case ever referred to counsel, under the counsel of the current referral. */
export const counselQueueView: CaseView = {
  name: 'counsel-queue',
  version: 2,
  tables: ['counsel_queue'],
  ddl: `CREATE TABLE IF NOT EXISTS counsel_queue (
      case_id TEXT PRIMARY KEY, counsel_user_id TEXT NOT NULL, referred_at TEXT, status TEXT NOT NULL, sealed INTEGER NOT NULL,
      requester_kind TEXT NOT NULL, opened_at TEXT NOT NULL, instrument_types TEXT NOT NULL, referral_note TEXT, advice TEXT, advised_at TEXT);
    CREATE INDEX IF NOT EXISTS counsel_queue_by_counsel ON counsel_queue (counsel_user_id, referred_at, case_id);`,
  write(db, fold) {
    const row = counselQueueRowOf(fold);
    if (row === null) return;
    statement(db, `INSERT OR REPLACE INTO counsel_queue (${COUNSEL_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      row.caseId,
      row.counselUserId,
      row.referredAt,
      row.status,
      row.sealed ? 1 : 0,
      row.requesterKind,
      row.openedAt,
      JSON.stringify(row.instrumentTypes),
      row.referralNote,
      row.advice,
      row.advisedAt,
    );
  },
};

export type CounselQueueItem = Omit<CounselQueueRow, 'counselUserId'> & {
  /** The case's soonest deadline still running (a return date, the last day to object), as the board has it: what counsel works to. */
  readonly nextDeadline: string | null;
};

/** The cases currently referred to `counselUserId`, most recently referred first. */
export function queryCounselQueue(
  db: Database.Database,
  filter: { counselUserId: string; limit: number; cursor?: string },
): Page<CounselQueueItem> {
  const params: string[] = [filter.counselUserId];
  let after = '';
  if (filter.cursor) {
    const [referredAt, caseId] = decodeCursor(filter.cursor, 2);
    after = 'AND (q.referred_at < ? OR (q.referred_at = ? AND q.case_id < ?))';
    params.push(referredAt, referredAt, caseId);
  }
  const rows = db
    .prepare(
      `SELECT ${COUNSEL_COLUMNS.split(', ').map((column) => `q.${column}`).join(', ')}, c.next_deadline FROM counsel_queue q LEFT JOIN cases c ON c.case_id = q.case_id
       WHERE q.counsel_user_id = ? ${after} ORDER BY q.referred_at DESC, q.case_id DESC LIMIT ?`,
    )
    .all(...params, filter.limit + 1) as Record<string, string | number | null>[];
  const items = rows.slice(0, filter.limit).map(
    (row): CounselQueueItem => ({
      caseId: row.case_id as string,
      requesterKind: row.requester_kind as RequesterKind,
      status: row.status as CaseStatus,
      openedAt: row.opened_at as string,
      sealed: row.sealed === 1,
      instrumentTypes: JSON.parse(row.instrument_types as string) as InstrumentType[],
      referredAt: row.referred_at as string | null,
      referralNote: row.referral_note as string | null,
      advice: row.advice as CounselAdvice | null,
      advisedAt: row.advised_at as string | null,
      nextDeadline: row.next_deadline as string | null,
    }),
  );
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > filter.limit && last ? encodeCursor([last.referredAt!, last.caseId]) : null };
}

/** The counsel a case is currently referred to (null: none, or no such case). */
export function referredCounselOf(db: Database.Database, caseId: string): string | null {
  const row = db.prepare('SELECT counsel_user_id FROM counsel_queue WHERE case_id = ?').get(caseId) as { counsel_user_id: string | null } | undefined;
  return row?.counsel_user_id ?? null;
}

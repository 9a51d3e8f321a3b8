import type Database from 'better-sqlite3';
import type { CaseStatus, CounselAdvice, InstrumentType, RequesterKind } from '@ledger/domain';
import { CASE_EVENT_TYPES, caseStatusAfter } from '@ledger/domain';
import { type CaseEventAt, caseProjection, statement, utc } from '../support/case-projection.js';
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

/** Pure. */
export function evolveCounselQueue(row: CounselQueueRow | null, { event }: CaseEventAt): CounselQueueRow | null {
  switch (event.type) {
    case 'DisclosureRequested':
    case 'WellnessCheckRequested':
      return {
        caseId: event.data.caseId,
        requesterKind: event.type === 'WellnessCheckRequested' ? 'law_enforcement' : event.data.requester.kind,
        status: 'open',
        openedAt: utc(event.data.receivedAt),
        sealed: false,
        instrumentTypes: [],
        counselUserId: null,
        referredAt: null,
        referralNote: null,
        advice: null,
        advisedAt: null,
      };
    default:
      break;
  }
  if (row === null) return null;
  switch (event.type) {
    case 'ReferredToDirector':
      return { ...row, status: caseStatusAfter(row.status, event) };
    case 'LegalInstrumentRecorded':
      return {
        ...row,
        status: caseStatusAfter(row.status, event),
        sealed: row.sealed || event.data.nondisclosureOrder,
        instrumentTypes: [...row.instrumentTypes, event.data.type],
      };
    case 'ReferredToCounsel':
      return {
        ...row,
        status: caseStatusAfter(row.status, event),
        counselUserId: event.data.counselUserId,
        referredAt: utc(event.data.occurredAt),
        referralNote: event.data.note ?? null,
        advice: null,
        advisedAt: null,
      };
    case 'CounselAdviceRecorded':
      return { ...row, status: caseStatusAfter(row.status, event), advice: event.data.advice, advisedAt: utc(event.data.occurredAt) };
    case 'ReleaseDecided':
      return { ...row, status: caseStatusAfter(row.status, event) };
    case 'CaseClosed':
      return { ...row, status: caseStatusAfter(row.status, event) };
    default:
      return row;
  }
}

export const counselQueueProjection = caseProjection<CounselQueueRow>({
  name: 'counsel-queue',
  version: 1,
  handles: CASE_EVENT_TYPES,
  table: 'counsel_queue',
  tables: ['counsel_queue'],
  ddl: `CREATE TABLE IF NOT EXISTS counsel_queue (
      case_id TEXT PRIMARY KEY, position INTEGER NOT NULL, state TEXT NOT NULL,
      counsel_user_id TEXT, referred_at TEXT, status TEXT NOT NULL, sealed INTEGER NOT NULL);
    CREATE INDEX IF NOT EXISTS counsel_queue_by_counsel ON counsel_queue (counsel_user_id, referred_at, case_id);`,
  evolve: evolveCounselQueue,
  write(db, row, state, position) {
    statement(
      db,
      'INSERT OR REPLACE INTO counsel_queue (case_id, position, state, counsel_user_id, referred_at, status, sealed) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(row.caseId, position, state, row.counselUserId, row.referredAt, row.status, row.sealed ? 1 : 0);
  },
});

export type CounselQueueItem = Omit<CounselQueueRow, 'counselUserId'>;

/** The cases currently referred to `counselUserId`, most recently referred first. */
export function queryCounselQueue(
  db: Database.Database,
  filter: { counselUserId: string; limit: number; cursor?: string },
): Page<CounselQueueItem> {
  const params: string[] = [filter.counselUserId];
  let after = '';
  if (filter.cursor) {
    const [referredAt, caseId] = decodeCursor(filter.cursor, 2);
    after = 'AND (referred_at < ? OR (referred_at = ? AND case_id < ?))';
    params.push(referredAt!, referredAt!, caseId!);
  }
  const rows = db
    .prepare(`SELECT state FROM counsel_queue WHERE counsel_user_id = ? ${after} ORDER BY referred_at DESC, case_id DESC LIMIT ?`)
    .all(...params, filter.limit + 1) as { state: string }[];
  const items = rows.slice(0, filter.limit).map((row) => {
    const { counselUserId: _counsel, ...item } = JSON.parse(row.state) as CounselQueueRow;
    return item;
  });
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > filter.limit && last ? encodeCursor([last.referredAt!, last.caseId]) : null };
}

/** The counsel a case is currently referred to (null: none, or no such case). */
export function referredCounselOf(db: Database.Database, caseId: string): string | null {
  const row = db.prepare('SELECT counsel_user_id FROM counsel_queue WHERE case_id = ?').get(caseId) as { counsel_user_id: string | null } | undefined;
  return row?.counsel_user_id ?? null;
}

import type Database from 'better-sqlite3';
import {
  DEFAULT_RETENTION_SCHEDULE,
  retentionPlan,
  type RetentionCaseFacts,
  type RetentionPlanEntry,
  type RetentionState,
  type RetentionSchedule,
  type RetentionEvent,
  type RequesterKind,
  withAttachedPatrons,
} from '@ledger/domain';
import { pseudonymOf } from '@ledger/ledger';
import type { Projection, ProjectedEvent } from '../runner/projection.js';
import type { CaseView } from '../cases/case-view.js';
import { tableProjection } from '../support/table-projection.js';
import { statement, utc } from '../support/case-projection.js';

const RETENTION_TYPES = ['RetentionScheduleSet', 'LegalHoldPlaced', 'LegalHoldReleased', 'CaseRetentionReleased', 'PatronIdentityShredded', 'PatronIdentifierClaimed'] as const;

const DDL = `CREATE TABLE IF NOT EXISTS retention_schedule (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL, rules TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS legal_holds (
    hold_id TEXT PRIMARY KEY, case_id TEXT, blind_index TEXT, pseudonym TEXT, reason TEXT NOT NULL, matter TEXT,
    placed_at TEXT NOT NULL, placed_by TEXT NOT NULL, released_at TEXT, released_by TEXT, release_reason TEXT);
  CREATE TABLE IF NOT EXISTS retention_releases (case_id TEXT PRIMARY KEY, released_at TEXT NOT NULL, released_by TEXT NOT NULL, reason TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS identity_shreds (
    key_id TEXT PRIMARY KEY, case_ids TEXT NOT NULL, pseudonym TEXT NOT NULL, key_fingerprint TEXT, schedule_rule TEXT NOT NULL,
    schedule_version INTEGER NOT NULL, due_date TEXT NOT NULL, basis TEXT NOT NULL, shredded_at TEXT NOT NULL, shredded_by TEXT NOT NULL,
    disposition_authority TEXT);
  CREATE TABLE IF NOT EXISTS identity_shred_cases (case_id TEXT PRIMARY KEY, key_id TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS patron_identifiers (identifier TEXT PRIMARY KEY, patron TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS patron_identifiers_by_patron ON patron_identifiers (patron, identifier);
  CREATE TABLE IF NOT EXISTS retention_schedule_versions (version INTEGER PRIMARY KEY, set_by TEXT NOT NULL, approved_by TEXT)`;
const TABLES = ['retention_schedule', 'legal_holds', 'retention_releases', 'identity_shreds', 'identity_shred_cases', 'patron_identifiers', 'retention_schedule_versions'];

/**
 * The retention schedule's, the purge scheduler's and counsel's hold list's indexes over the cases
 * table (`casesTableView`), which holds each case's facts for them: the patron by blind index and
 * pseudonym, the key the reference is under, kind, instrument, when it closed. No reference, no key.
 */
export const retentionCasesView: CaseView = {
  name: 'retention-cases',
  // 3: attached_patrons, the patrons a request about a resource or a transaction names.
  version: 3,
  tables: ['attached_patrons'],
  indexesInOpeningOrder: ['retention_cases_by_closed'],
  ddl: `CREATE INDEX IF NOT EXISTS retention_cases_by_patron ON cases (blind_index);
    CREATE INDEX IF NOT EXISTS retention_cases_by_key ON cases (key_id);
    CREATE INDEX IF NOT EXISTS retention_cases_by_closed ON cases (closed_at);
    CREATE TABLE IF NOT EXISTS attached_patrons (blind_index TEXT NOT NULL, case_id TEXT NOT NULL, pseudonym TEXT NOT NULL, PRIMARY KEY (blind_index, case_id)) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS attached_patrons_by_case ON attached_patrons (case_id);
    CREATE INDEX IF NOT EXISTS attached_patrons_by_pseudonym ON attached_patrons (pseudonym)`,
  write(db, { case: state }) {
    // Patrons are only ever attached, never detached: inserting what is already there changes nothing.
    if (state.patron !== undefined) return;
    const attach = statement(db, 'INSERT OR IGNORE INTO attached_patrons (blind_index, case_id, pseudonym) VALUES (?, ?, ?)');
    for (const patron of state.attachedPatrons ?? []) attach.run(patron.blindIndex, state.caseId, patron.pseudonym);
  },
};

/** Cases naming any of these blind indexes: as the case's patron, or attached to a request about a resource. */
export function casesNaming(identifiers: readonly string[]): string {
  const list = identifiers.map(() => '?').join(', ') || 'NULL';
  return `(c.blind_index IN (${list}) OR c.case_id IN (SELECT a.case_id FROM attached_patrons a WHERE a.blind_index IN (${list})))`;
}

/**
 * What the retention schedule, the purge scheduler and counsel's hold list read besides the cases'
 * facts (`retentionCasesView`, a case view): the schedule in force, holds, counsel's releases and the
 * shreds. Every write is an insert-if-absent or sets a column to what the event says, so applying an
 * event twice changes nothing.
 */
export const retentionProjection: Projection = tableProjection({
  name: 'retention',
  // 5: patron_identifiers (which patron a linked identifier names) and who set and approved each schedule version.
  version: 5,
  handles: RETENTION_TYPES,
  ddl: DDL,
  tables: TABLES,
  apply(db, projected: ProjectedEvent) {
    if (projected.type === 'PatronIdentifierClaimed') {
      // Which patron a linked identifier names (blind indexes only): holds and legal process act on the patron through any identifier.
      const data = projected.data as { blindIndex: string; ownerBlindIndex: string };
      statement(db, 'INSERT INTO patron_identifiers (identifier, patron) VALUES (?, ?) ON CONFLICT (identifier) DO NOTHING').run(data.blindIndex, data.ownerBlindIndex);
      return;
    }
    const event = { type: projected.type, data: projected.data } as RetentionEvent;
    switch (event.type) {
      case 'RetentionScheduleSet':
        statement(db, 'INSERT OR REPLACE INTO retention_schedule (id, version, rules) VALUES (1, ?, ?)').run(event.data.version, JSON.stringify(event.data.rules));
        statement(db, 'INSERT OR IGNORE INTO retention_schedule_versions (version, set_by, approved_by) VALUES (?, ?, ?)').run(event.data.version, event.data.by, event.data.approvedBy ?? null);
        return;
      case 'LegalHoldPlaced': {
        const { holdId, target, reason, matter, occurredAt, by } = event.data;
        const patron = 'patron' in target ? target.patron : null;
        statement(
          db,
          `INSERT INTO legal_holds (hold_id, case_id, blind_index, pseudonym, reason, matter, placed_at, placed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (hold_id) DO NOTHING`,
        ).run(holdId, 'caseId' in target ? target.caseId : null, patron?.blindIndex ?? null, patron?.pseudonym ?? null, reason, matter ?? null, utc(occurredAt), by);
        return;
      }
      case 'LegalHoldReleased':
        statement(db, 'UPDATE legal_holds SET released_at = ?, released_by = ?, release_reason = ? WHERE hold_id = ?').run(
          utc(event.data.occurredAt),
          event.data.by,
          event.data.reason ?? null,
          event.data.holdId,
        );
        return;
      case 'CaseRetentionReleased':
        statement(db, 'INSERT INTO retention_releases (case_id, released_at, released_by, reason) VALUES (?, ?, ?, ?) ON CONFLICT (case_id) DO NOTHING').run(
          event.data.caseId,
          utc(event.data.occurredAt),
          event.data.by,
          event.data.reason,
        );
        return;
      case 'PatronIdentityShredded': {
        const data = event.data;
        statement(
          db,
          `INSERT INTO identity_shreds (key_id, case_ids, pseudonym, key_fingerprint, schedule_rule, schedule_version, due_date, basis, shredded_at, shredded_by, disposition_authority)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key_id) DO NOTHING`,
        ).run(
          data.keyId,
          JSON.stringify(data.caseIds),
          data.pseudonym,
          data.keyFingerprint,
          data.scheduleRule,
          data.scheduleVersion,
          utc(data.dueDate),
          data.basis,
          utc(data.occurredAt),
          data.by,
          data.dispositionAuthority ?? null,
        );
        const link = statement(db, 'INSERT INTO identity_shred_cases (case_id, key_id) VALUES (?, ?) ON CONFLICT (case_id) DO NOTHING');
        for (const caseId of data.caseIds) link.run(caseId, data.keyId);
        return;
      }
      default:
        return;
    }
  },
});

interface CaseRow {
  case_id: string;
  blind_index: string;
  pseudonym: string;
  key_id: string;
  requester_kind: RequesterKind;
  wellness: number;
  has_instrument: number;
  opened_at: string;
  closed_at: string | null;
  has_violation: number;
}

const CASE_COLUMNS = `c.case_id, c.blind_index, c.patron_pseudonym AS pseudonym, c.key_id, c.requester_kind, c.kind = 'wellness_check' AS wellness,
  c.instrument_type IS NOT NULL AS has_instrument, c.opened_at, c.closed_at,
  EXISTS (SELECT 1 FROM findings f WHERE f.case_id = c.case_id AND f.severity = 'violation') AS has_violation`;

/** Claims made at one moment in opposite directions can chain; the views follow such a chain this far, as the patron directory does. */
const MAX_CLAIM_HOPS = 4;

/** Every blind index naming the patron that `blindIndex` names, the patron's own first (just `blindIndex` when nobody linked it). */
export function patronIdentifiersIn(db: Database.Database, blindIndex: string): string[] {
  const ownerOf = statement(db, 'SELECT patron FROM patron_identifiers WHERE identifier = ?');
  let patron = blindIndex;
  const seen = new Set([patron]);
  for (let hop = 0; hop < MAX_CLAIM_HOPS; hop += 1) {
    const owner = (ownerOf.get(patron) as { patron: string } | undefined)?.patron;
    if (owner === undefined || seen.has(owner)) break;
    seen.add(owner);
    patron = owner;
  }
  const linked = statement(db, 'SELECT identifier FROM patron_identifiers WHERE patron = ? ORDER BY identifier').all(patron) as { identifier: string }[];
  const identifiers = [patron, ...linked.map((row) => row.identifier).filter((identifier) => identifier !== patron)];
  return identifiers.includes(blindIndex) ? identifiers : [...identifiers, blindIndex];
}

/**
 * The pseudonyms of every identifier of the patron one pseudonym names (the auditor's register filter
 * takes a pseudonym); just that pseudonym when it names no linked identifier. A pseudonym is the first
 * 12 hex digits of a blind index.
 */
export function patronPseudonymsIn(db: Database.Database, pseudonym: string): string[] {
  if (!pseudonym.startsWith('P-')) return [pseudonym];
  const prefix = pseudonym.slice(2);
  const row = statement(db, 'SELECT patron FROM patron_identifiers WHERE substr(identifier, 1, 12) = ? OR substr(patron, 1, 12) = ? LIMIT 1').get(prefix, prefix) as
    | { patron: string }
    | undefined;
  if (row === undefined) return [pseudonym];
  return patronIdentifiersIn(db, row.patron).map(pseudonymOf);
}

/** The case's facts with the patron's identifiers, when the patron has more than one; with every attached patron's, on a request about a resource. */
function withPatronIdentifiers(db: Database.Database, facts: RetentionCaseFacts): RetentionCaseFacts {
  if (facts.blindIndex === '') {
    const attached = (statement(db, 'SELECT blind_index FROM attached_patrons WHERE case_id = ? ORDER BY blind_index').all(facts.caseId) as { blind_index: string }[]).map((row) =>
      patronIdentifiersIn(db, row.blind_index),
    );
    return attached.length > 0 ? { ...facts, ...withAttachedPatrons(attached) } : facts;
  }
  const identifiers = patronIdentifiersIn(db, facts.blindIndex);
  return identifiers.length > 1 ? { ...facts, patronIdentifiers: identifiers } : facts;
}

function factsOf(row: CaseRow): RetentionCaseFacts {
  return {
    caseId: row.case_id,
    requesterKind: row.requester_kind,
    wellnessCheck: row.wellness === 1,
    hasInstrument: row.has_instrument === 1,
    hasViolation: Number(row.has_violation) === 1,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    blindIndex: row.blind_index,
    pseudonym: row.pseudonym,
    keyId: row.key_id,
  };
}

/** A case's retention facts; a violation counts when the findings view holds one for the case. */
export function retentionFactsOf(db: Database.Database, caseId: string): RetentionCaseFacts | null {
  const row = db.prepare(`SELECT ${CASE_COLUMNS} FROM cases c WHERE c.case_id = ?`).get(caseId) as CaseRow | undefined;
  return row ? factsOf(row) : null;
}

/** Every case naming this one identifier (blind index), as its patron or attached to a request about a resource, oldest first. */
export function retentionFactsOfPatron(db: Database.Database, blindIndex: string): RetentionCaseFacts[] {
  return (db.prepare(`SELECT ${CASE_COLUMNS} FROM cases c WHERE ${casesNaming([blindIndex])} ORDER BY c.opened_at, c.case_id`).all(blindIndex, blindIndex) as CaseRow[]).map(factsOf);
}

/** Every case naming the patron an identifier names, under any of the patron's identifiers, oldest first, each with its patrons' identifiers. */
export function retentionFactsOfPatronAcrossIdentifiers(db: Database.Database, blindIndex: string): RetentionCaseFacts[] {
  const identifiers = patronIdentifiersIn(db, blindIndex);
  const rows = db.prepare(`SELECT ${CASE_COLUMNS} FROM cases c WHERE ${casesNaming(identifiers)} ORDER BY c.opened_at, c.case_id`).all(...identifiers, ...identifiers) as CaseRow[];
  return rows.map((row) => (row.blind_index === '' ? withPatronIdentifiers(db, factsOf(row)) : identifiers.length > 1 ? { ...factsOf(row), patronIdentifiers: identifiers } : factsOf(row)));
}

/** The pseudonyms of the patrons attached to a request about a resource or a transaction, in the order of their blind indexes. */
export function attachedPseudonymsOf(db: Database.Database, caseId: string): string[] {
  return (statement(db, 'SELECT pseudonym FROM attached_patrons WHERE case_id = ? ORDER BY blind_index').all(caseId) as { pseudonym: string }[]).map((row) => row.pseudonym);
}

/** Every case whose reference is under the key (more than one only for first-reading per-patron keys). */
export function retentionFactsUnderKey(db: Database.Database, keyId: string): RetentionCaseFacts[] {
  return (db.prepare(`SELECT ${CASE_COLUMNS} FROM cases c WHERE c.key_id = ? ORDER BY c.opened_at, c.case_id`).all(keyId) as CaseRow[]).map(factsOf);
}

/** Closed cases whose identity has not been shredded, closed before `closedBefore`: the candidates a purge looks at. */
export function unshreddedClosedCases(db: Database.Database, closedBefore: string): RetentionCaseFacts[] {
  return (
    db
      .prepare(
        `SELECT ${CASE_COLUMNS} FROM cases c
         WHERE c.closed_at IS NOT NULL AND c.closed_at <= ? AND NOT EXISTS (SELECT 1 FROM identity_shreds s WHERE s.key_id = c.key_id)
         ORDER BY c.closed_at, c.case_id`,
      )
      .all(utc(closedBefore)) as CaseRow[]
  ).map(factsOf);
}

export function retentionScheduleOf(db: Database.Database): RetentionSchedule {
  const row = db.prepare('SELECT version, rules FROM retention_schedule WHERE id = 1').get() as { version: number; rules: string } | undefined;
  return row ? { version: row.version, rules: JSON.parse(row.rules) as RetentionSchedule['rules'] } : DEFAULT_RETENTION_SCHEDULE;
}

export interface LegalHoldRow {
  readonly holdId: string;
  readonly caseId?: string;
  readonly patronPseudonym?: string;
  readonly reason: string;
  readonly matter?: string;
  readonly placedAt: string;
  readonly placedBy: string;
  readonly status: 'in_force' | 'released';
  readonly releasedAt?: string;
  readonly releasedBy?: string;
  readonly releaseReason?: string;
}

/** Holds in force first, then released ones; newest first in each. */
export function listLegalHolds(db: Database.Database): LegalHoldRow[] {
  const rows = db.prepare('SELECT * FROM legal_holds ORDER BY released_at IS NOT NULL, placed_at DESC, hold_id').all() as Record<string, string | null>[];
  return rows.map((row) => ({
    holdId: row.hold_id!,
    ...(row.case_id ? { caseId: row.case_id } : {}),
    ...(row.pseudonym ? { patronPseudonym: row.pseudonym } : {}),
    reason: row.reason!,
    ...(row.matter ? { matter: row.matter } : {}),
    placedAt: row.placed_at!,
    placedBy: row.placed_by!,
    status: row.released_at ? 'released' : 'in_force',
    ...(row.released_at ? { releasedAt: row.released_at, releasedBy: row.released_by! } : {}),
    ...(row.release_reason ? { releaseReason: row.release_reason } : {}),
  }));
}

/** Holds in force over a case (on the case itself or on its patron). */
export function holdsInForceOver(db: Database.Database, caseId: string, blindIndex: string): string[] {
  return (db.prepare('SELECT hold_id FROM legal_holds WHERE released_at IS NULL AND (case_id = ? OR blind_index = ?) ORDER BY hold_id').all(caseId, blindIndex) as { hold_id: string }[]).map(
    (row) => row.hold_id,
  );
}

export function retentionReleaseOf(db: Database.Database, caseId: string): string | undefined {
  return (db.prepare('SELECT released_at FROM retention_releases WHERE case_id = ?').get(caseId) as { released_at: string } | undefined)?.released_at;
}

export interface IdentityShredRow {
  readonly keyId: string;
  readonly caseIds: readonly string[];
  readonly pseudonym: string;
  readonly keyFingerprint: string | null;
  readonly scheduleRule: string;
  readonly scheduleVersion: number;
  readonly dueDate: string;
  readonly basis: string;
  readonly shreddedAt: string;
  readonly shreddedBy: string;
  /** The records-disposition authorization the purge ran under (null: none given). */
  readonly dispositionAuthority: string | null;
  /** Who approved the disposition: the Director who purged by hand or approved the erasure, or who set the schedule the scheduler purged by (null: the default schedule). */
  readonly approvedBy: string | null;
  /** Counsel who released the case from retention, or approved the schedule version it ran under (null: neither). */
  readonly counselApprovedBy: string | null;
}

function shredRow(row: Record<string, string | number | null>): IdentityShredRow {
  return {
    keyId: row.key_id as string,
    caseIds: JSON.parse(row.case_ids as string) as string[],
    pseudonym: row.pseudonym as string,
    keyFingerprint: row.key_fingerprint as string | null,
    scheduleRule: row.schedule_rule as string,
    scheduleVersion: Number(row.schedule_version),
    dueDate: row.due_date as string,
    basis: row.basis as string,
    shreddedAt: row.shredded_at as string,
    shreddedBy: row.shredded_by as string,
    dispositionAuthority: (row.disposition_authority as string | null) ?? null,
    approvedBy: ((row.basis === 'schedule' ? row.schedule_set_by : row.shredded_by) as string | null) ?? null,
    counselApprovedBy: (row.counsel_approved_by as string | null) ?? null,
  };
}

/** The shred that made the case's identity unreadable, if any. */
export function identityShredOfCase(db: Database.Database, caseId: string): IdentityShredRow | null {
  const row = db
    .prepare(
      `SELECT s.*, COALESCE((SELECT r.released_by FROM retention_releases r WHERE r.case_id = l.case_id), v.approved_by) AS counsel_approved_by, v.set_by AS schedule_set_by
       FROM identity_shred_cases l JOIN identity_shreds s ON s.key_id = l.key_id
       LEFT JOIN retention_schedule_versions v ON v.version = s.schedule_version WHERE l.case_id = ?`,
    )
    .get(caseId) as
    | Record<string, string | number | null>
    | undefined;
  return row ? shredRow(row) : null;
}

/**
 * What a purge at `at` would shred and keep, from the views (the server's views.db, or the CLI's replay in
 * memory): the one plan the scheduler purges by and `ledger retention --dry-run` lists.
 */
export function retentionPlanFromViews(db: Database.Database, state: RetentionState, at: string): RetentionPlanEntry[] {
  // Holds and legal process act on the patron through any identifier: each case's facts carry the patron's identifiers.
  return retentionPlan(
    unshreddedClosedCases(db, at).map((facts) => withPatronIdentifiers(db, facts)),
    (keyId) => retentionFactsUnderKey(db, keyId).map((facts) => withPatronIdentifiers(db, facts)),
    (blindIndex) => retentionFactsOfPatronAcrossIdentifiers(db, blindIndex),
    state,
    at,
  );
}

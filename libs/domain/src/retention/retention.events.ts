import type { DomainEvent } from '../shared/decider.js';
import type { RetentionRule } from './retention-schedule.js';

/**
 * Events of the `retention-main` stream: the schedule, legal holds, counsel's releases, the shreds
 * and the answers to erasure requests. One stream, so that a shred is decided against every hold
 * placed before it: a hold and a shred that race are serialised by the stream's revision.
 * Patrons are named by blind index and pseudonym only; never a reference, never a key.
 */
interface RetentionEventBase {
  readonly occurredAt: string;
  readonly by: string;
}

export type RetentionScheduleSet = DomainEvent<
  'RetentionScheduleSet',
  RetentionEventBase & {
    readonly version: number;
    readonly rules: readonly RetentionRule[];
    /** The proposal it came from (absent: set by `PUT`, before proposals existed or lowering no floor). */
    readonly proposalId?: string;
    /** Counsel who approved it, when it lowered a floor. */
    readonly approvedBy?: string;
  }
>;

/** The director proposes a schedule that lowers a floor (`lowers` says which, in plain words): it waits for counsel. */
export type RetentionScheduleProposed = DomainEvent<
  'RetentionScheduleProposed',
  RetentionEventBase & { readonly proposalId: string; readonly rules: readonly RetentionRule[]; readonly basedOnVersion: number; readonly lowers: readonly string[] }
>;

/** Counsel approves a proposal: the schedule it names is set in the same append (`RetentionScheduleSet` follows). */
export type RetentionScheduleProposalApproved = DomainEvent<'RetentionScheduleProposalApproved', RetentionEventBase & { readonly proposalId: string }>;

/** The director or counsel withdraws a proposal still waiting. */
export type RetentionScheduleProposalWithdrawn = DomainEvent<'RetentionScheduleProposalWithdrawn', RetentionEventBase & { readonly proposalId: string; readonly reason?: string }>;

/** What a hold covers: one case, or every case of one patron (found through the blind index). */
export type LegalHoldTarget =
  | { readonly caseId: string }
  | { readonly patron: { readonly blindIndex: string; readonly pseudonym: string } };

export type LegalHoldPlaced = DomainEvent<
  'LegalHoldPlaced',
  RetentionEventBase & { readonly holdId: string; readonly target: LegalHoldTarget; readonly reason: string; readonly matter?: string }
>;

export type LegalHoldReleased = DomainEvent<'LegalHoldReleased', RetentionEventBase & { readonly holdId: string; readonly reason?: string }>;

/** Counsel says a case kept `until_released` is no longer needed: its retention runs from now. */
export type CaseRetentionReleased = DomainEvent<'CaseRetentionReleased', RetentionEventBase & { readonly caseId: string; readonly reason: string }>;

export type ShredBasis = 'schedule' | 'by_hand' | 'erasure_request';

/**
 * The proof of a purge: which key was destroyed (its id and fingerprint), for which case(s) and
 * patron (pseudonym), under which rule and from which due date. Recorded before the key is destroyed;
 * a key store that still holds the key later (a crash in between, a restored backup) is brought in
 * line from these events (`ledger retention --reapply`).
 */
export type PatronIdentityShredded = DomainEvent<
  'PatronIdentityShredded',
  RetentionEventBase & {
    /** The case whose identity was shredded (absent only for a shared first-reading key: see caseIds). */
    readonly caseId?: string;
    /** Every case whose patron reference was under this key (one, except first-reading per-patron keys). */
    readonly caseIds: readonly string[];
    readonly pseudonym: string;
    readonly keyId: string;
    /** null: the key store did not hold the key any more when the shred was recorded. */
    readonly keyFingerprint: string | null;
    readonly scheduleRule: string;
    readonly scheduleVersion: number;
    readonly dueDate: string;
    readonly basis: ShredBasis;
    /** The records-disposition authorization the purge ran under, when one was given. */
    readonly dispositionAuthority?: string;
  }
>;

export interface ErasureOutcome {
  readonly caseId: string;
  /** Shredded now, already shredded, or kept. */
  readonly result: 'shredded' | 'already_shredded' | 'kept';
  /** Why kept: the rule id (LEGAL-HOLD, RETENTION-UNTIL-RELEASED, CASE-OPEN, SHARED-KEY). */
  readonly rule?: string;
  readonly reason?: string;
}

/** A patron's erasure request, recorded with how they proved who they were: it waits for the Director's approval. */
export type ErasureRequestRecorded = DomainEvent<
  'ErasureRequestRecorded',
  RetentionEventBase & {
    readonly requestId: string;
    readonly pseudonym: string;
    readonly blindIndex: string;
    readonly channel: string;
    /** Kinds only, never the details. */
    readonly identification: readonly string[];
  }
>;

export type ErasureRequestAnswered = DomainEvent<
  'ErasureRequestAnswered',
  RetentionEventBase & {
    readonly requestId: string;
    readonly pseudonym: string;
    readonly blindIndex: string;
    /** How the patron proved who they were (kinds only, never the details). */
    readonly identification: readonly string[];
    readonly outcomes: readonly ErasureOutcome[];
    /** Who recorded the request (absent: answered in one step, before requests were approved). */
    readonly recordedBy?: string;
    /**
     * The keys of the patron's linked identifiers (other cards, the ILS id), destroyed with this answer
     * because nothing of the patron was kept; recorded before they are destroyed, like a shred.
     */
    readonly identifierKeysShredded?: readonly { readonly keyId: string; readonly keyFingerprint: string | null }[];
  }
>;

export type RetentionEvent =
  | RetentionScheduleSet
  | RetentionScheduleProposed
  | RetentionScheduleProposalApproved
  | RetentionScheduleProposalWithdrawn
  | LegalHoldPlaced
  | LegalHoldReleased
  | CaseRetentionReleased
  | PatronIdentityShredded
  | ErasureRequestRecorded
  | ErasureRequestAnswered;
export type RetentionEventType = RetentionEvent['type'];
export const RETENTION_EVENT_TYPES = [
  'RetentionScheduleSet',
  'RetentionScheduleProposed',
  'RetentionScheduleProposalApproved',
  'RetentionScheduleProposalWithdrawn',
  'LegalHoldPlaced',
  'LegalHoldReleased',
  'CaseRetentionReleased',
  'PatronIdentityShredded',
  'ErasureRequestRecorded',
  'ErasureRequestAnswered',
] as const satisfies readonly RetentionEventType[];

export const RETENTION_STREAM = 'retention-main';

import type { Actor } from '../policy/actor.js';
import type { Channel, IdentificationKind, RequesterKind } from '../vocabulary.js';
import type { RetentionCaseFacts, RetentionRule } from './retention-schedule.js';
import type { LegalHoldTarget } from './retention.events.js';

interface RetentionCommandBase {
  /** When it happened (ISO). */
  readonly occurredAt: string;
  /** The server's now when the command arrived (ISO). */
  readonly recordedAt: string;
}

interface ByUser extends RetentionCommandBase {
  readonly actor: Actor;
}

export interface SetRetentionSchedule extends ByUser {
  readonly type: 'SetRetentionSchedule';
  readonly rules: readonly RetentionRule[];
}

/** The director proposes a schedule: in force at once unless it lowers a floor, then when counsel approves it. */
export interface ProposeRetentionSchedule extends ByUser {
  readonly type: 'ProposeRetentionSchedule';
  readonly proposalId: string;
  readonly rules: readonly RetentionRule[];
}

export interface ApproveRetentionScheduleProposal extends ByUser {
  readonly type: 'ApproveRetentionScheduleProposal';
  readonly proposalId: string;
}

export interface WithdrawRetentionScheduleProposal extends ByUser {
  readonly type: 'WithdrawRetentionScheduleProposal';
  readonly proposalId: string;
  readonly reason?: string;
}

export interface PlaceLegalHold extends ByUser {
  readonly type: 'PlaceLegalHold';
  readonly holdId: string;
  readonly target: LegalHoldTarget;
  readonly reason: string;
  readonly matter?: string;
}

export interface ReleaseLegalHold extends ByUser {
  readonly type: 'ReleaseLegalHold';
  readonly holdId: string;
  readonly reason?: string;
}

export interface ReleaseCaseRetention extends ByUser {
  readonly type: 'ReleaseCaseRetention';
  readonly case: RetentionCaseFacts;
  readonly reason: string;
}

/** What the key store said about a key just before the decision: its fingerprint, or null when not live. */
export type KeyFingerprints = Readonly<Record<string, string | null>>;

/**
 * Shred one case's identity. `schedule`: the purge scheduler, on its own (no user; `by` names it);
 * `by_hand`: the director, once the case is due. `sharingKey` lists the other cases whose
 * reference is under the same key (first-reading per-patron keys): the key goes only when all may.
 */
export type ShredCaseIdentity = RetentionCommandBase & {
  readonly type: 'ShredCaseIdentity';
  readonly case: RetentionCaseFacts;
  readonly sharingKey: readonly RetentionCaseFacts[];
  readonly fingerprints: KeyFingerprints;
  /** The records-disposition authorization the purge runs under (e.g. the State Library's RC-075 reference). */
  readonly dispositionAuthority?: string;
  /** Every case of the case's patron (same blind index), open ones included: a case under legal process holds them all (LEGAL-PROCESS-HOLD). */
  readonly patronCases?: readonly RetentionCaseFacts[];
} & ({ readonly basis: 'schedule'; readonly by: string } | { readonly basis: 'by_hand'; readonly actor: Actor; readonly reason: string });

/**
 * Staff record a patron's request to delete their personal information, with who asked, how and the
 * identification shown (kinds only), checked as a patron's own request in person; nothing is shredded yet.
 * `cardReportedLost`: the patron's standing when the request was made.
 */
export interface RecordErasureRequest extends ByUser {
  readonly type: 'RecordErasureRequest';
  readonly requestId: string;
  readonly patron: { readonly blindIndex: string; readonly pseudonym: string };
  readonly requesterKind: RequesterKind;
  readonly channel: Channel;
  readonly identification: readonly IdentificationKind[];
  readonly cardReportedLost: boolean;
}

/** The Director approves a recorded erasure request: every case of the patron is looked at, and shredded unless kept. */
export interface AnswerErasureRequest extends ByUser {
  readonly type: 'AnswerErasureRequest';
  readonly requestId: string;
  readonly cases: readonly RetentionCaseFacts[];
  readonly fingerprints: KeyFingerprints;
  /** The keys the patron's linked identifiers are encrypted under: destroyed too when nothing of the patron is kept. */
  readonly identifierKeys?: readonly string[];
}

export type RetentionCommand =
  | SetRetentionSchedule
  | ProposeRetentionSchedule
  | ApproveRetentionScheduleProposal
  | WithdrawRetentionScheduleProposal
  | PlaceLegalHold | ReleaseLegalHold | ReleaseCaseRetention | ShredCaseIdentity | RecordErasureRequest | AnswerErasureRequest;

/** The user id the purge scheduler records as `by`. */
export const RETENTION_SCHEDULER = 'retention-scheduler';

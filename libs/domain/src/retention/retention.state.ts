import { assertNever } from '../shared/decider.js';
import { DEFAULT_RETENTION_SCHEDULE, type RetentionRule, type RetentionSchedule } from './retention-schedule.js';
import type { LegalHoldTarget, RetentionEvent } from './retention.events.js';

export interface LegalHold {
  readonly holdId: string;
  readonly target: LegalHoldTarget;
  readonly reason: string;
  readonly matter?: string;
  readonly placedAt: string;
  readonly placedBy: string;
  readonly releasedAt?: string;
  readonly releasedBy?: string;
}

/** A schedule the director proposed that lowers a floor: in force only once counsel approves it. */
export interface ScheduleProposal {
  readonly proposalId: string;
  readonly rules: readonly RetentionRule[];
  readonly basedOnVersion: number;
  readonly lowers: readonly string[];
  readonly proposedAt: string;
  readonly proposedBy: string;
  readonly status: 'awaiting_counsel' | 'approved' | 'withdrawn';
  readonly decidedAt?: string;
  readonly decidedBy?: string;
}

export interface RetentionState {
  readonly schedule: RetentionSchedule;
  readonly holds: readonly LegalHold[];
  /** Counsel's releases of cases kept `until_released`: caseId → when. */
  readonly releasedCases: Readonly<Record<string, string>>;
  /** Destroyed keys: keyId → when the shred was recorded. */
  readonly shreddedKeys: Readonly<Record<string, string>>;
  readonly erasureRequestIds: readonly string[];
  /** Erasure requests recorded and not yet answered. */
  readonly pendingErasures: Readonly<Record<string, { readonly blindIndex: string; readonly pseudonym: string; readonly identification: readonly string[]; readonly recordedBy: string }>>;
  readonly proposals: Readonly<Record<string, ScheduleProposal>>;
}

export const initialRetentionState: RetentionState = {
  schedule: DEFAULT_RETENTION_SCHEDULE,
  holds: [],
  releasedCases: {},
  shreddedKeys: {},
  erasureRequestIds: [],
  pendingErasures: {},
  proposals: {},
};

export function evolveRetention(state: RetentionState, event: RetentionEvent): RetentionState {
  switch (event.type) {
    case 'RetentionScheduleSet':
      return { ...state, schedule: { version: event.data.version, rules: event.data.rules } };
    case 'RetentionScheduleProposed': {
      const { proposalId, rules, basedOnVersion, lowers, occurredAt, by } = event.data;
      const proposal: ScheduleProposal = { proposalId, rules, basedOnVersion, lowers, proposedAt: occurredAt, proposedBy: by, status: 'awaiting_counsel' };
      return { ...state, proposals: { ...state.proposals, [proposalId]: proposal } };
    }
    case 'RetentionScheduleProposalApproved':
    case 'RetentionScheduleProposalWithdrawn': {
      const proposal = state.proposals[event.data.proposalId];
      if (!proposal) return state;
      const status = event.type === 'RetentionScheduleProposalApproved' ? 'approved' : 'withdrawn';
      return { ...state, proposals: { ...state.proposals, [proposal.proposalId]: { ...proposal, status, decidedAt: event.data.occurredAt, decidedBy: event.data.by } } };
    }
    case 'LegalHoldPlaced': {
      const { holdId, target, reason, matter, occurredAt, by } = event.data;
      const hold: LegalHold = { holdId, target, reason, ...(matter !== undefined && { matter }), placedAt: occurredAt, placedBy: by };
      return { ...state, holds: [...state.holds, hold] };
    }
    case 'LegalHoldReleased':
      return {
        ...state,
        holds: state.holds.map((hold) => (hold.holdId === event.data.holdId ? { ...hold, releasedAt: event.data.occurredAt, releasedBy: event.data.by } : hold)),
      };
    case 'CaseRetentionReleased':
      return { ...state, releasedCases: { ...state.releasedCases, [event.data.caseId]: event.data.occurredAt } };
    case 'PatronIdentityShredded':
      return { ...state, shreddedKeys: { ...state.shreddedKeys, [event.data.keyId]: event.data.occurredAt } };
    case 'ErasureRequestRecorded': {
      const { requestId, blindIndex, pseudonym, identification, by } = event.data;
      return { ...state, pendingErasures: { ...state.pendingErasures, [requestId]: { blindIndex, pseudonym, identification, recordedBy: by } } };
    }
    case 'ErasureRequestAnswered': {
      const { [event.data.requestId]: _answered, ...pendingErasures } = state.pendingErasures;
      return { ...state, pendingErasures, erasureRequestIds: [...state.erasureRequestIds, event.data.requestId] };
    }
    default:
      return assertNever(event, 'retention event');
  }
}

/**
 * Holds in force over a case of the patron named by any of `patronIdentifiers` (a hold on the case, or
 * on the patron through any of its identifiers). No expiry: only a release ends one.
 */
export function holdsCovering(state: Pick<RetentionState, 'holds'>, caseId: string, patronIdentifiers: readonly string[]): LegalHold[] {
  return state.holds.filter(
    (hold) =>
      hold.releasedAt === undefined &&
      ('caseId' in hold.target ? hold.target.caseId === caseId : patronIdentifiers.includes(hold.target.patron.blindIndex)),
  );
}

import type { Actor } from '../policy/actor.js';
import { DEFAULT_RETENTION_SCHEDULE, type RetentionCaseFacts, type RetentionCaseKind, type RetentionRule } from '../retention/retention-schedule.js';
import type { RetentionCommand } from '../retention/retention.commands.js';
import { decideRetention } from '../retention/retention.decider.js';
import type { RetentionEvent } from '../retention/retention.events.js';
import { evolveRetention, initialRetentionState, type RetentionState } from '../retention/retention.state.js';

export const retentionDirector: Actor = { userId: 'u-director', role: 'director', isActiveDesignee: false };
export const retentionCounsel: Actor = { userId: 'u-counsel', role: 'counsel', isActiveDesignee: false };
export const retentionStaff: Actor = { userId: 'u-staff', role: 'staff', isActiveDesignee: false };

export const CLOSED_AT = '2025-01-10T12:00:00.000Z';
export const PATRON_BLIND_INDEX = 'b'.repeat(64);

/** A closed patron self-service case: 90 days under the default schedule. */
export function closedCase(overrides: Partial<RetentionCaseFacts> = {}): RetentionCaseFacts {
  const caseId = overrides.caseId ?? 'case-1';
  return {
    caseId,
    requesterKind: 'patron',
    wellnessCheck: false,
    hasInstrument: false,
    hasViolation: false,
    openedAt: '2025-01-10T10:00:00.000Z',
    closedAt: CLOSED_AT,
    blindIndex: PATRON_BLIND_INDEX,
    pseudonym: `P-${PATRON_BLIND_INDEX.slice(0, 12)}`,
    keyId: `c-${caseId}`,
    ...overrides,
  };
}

export const daysAfter = (iso: string, days: number) => new Date(Date.parse(iso) + days * 86_400_000).toISOString();

/** Every retention command at an instant; `recordedAt` = `occurredAt`. */
export function at<C extends Omit<RetentionCommand, 'occurredAt' | 'recordedAt'>>(occurredAt: string, command: C): RetentionCommand {
  return { ...command, occurredAt, recordedAt: occurredAt } as unknown as RetentionCommand;
}

export const placeHoldOnCase = (caseId: string, holdId = 'hold-1', actor = retentionCounsel) =>
  ({ type: 'PlaceLegalHold', actor, holdId, target: { caseId }, reason: 'Litigation: Doe v. Library', matter: 'CV-25-001' }) as const;
export const placeHoldOnPatron = (blindIndex = PATRON_BLIND_INDEX, holdId = 'hold-p') =>
  ({ type: 'PlaceLegalHold', actor: retentionCounsel, holdId, target: { patron: { blindIndex, pseudonym: `P-${blindIndex.slice(0, 12)}` } }, reason: 'Preservation letter' }) as const;
export const releaseHold = (holdId = 'hold-1', actor = retentionCounsel) => ({ type: 'ReleaseLegalHold', actor, holdId, reason: 'Matter settled' }) as const;
export const scheduledShred = (facts: RetentionCaseFacts, sharingKey: RetentionCaseFacts[] = []) =>
  ({ type: 'ShredCaseIdentity', basis: 'schedule', by: 'retention-scheduler', case: facts, sharingKey, fingerprints: { [facts.keyId]: 'f'.repeat(32) } }) as const;
export const shredByHand = (facts: RetentionCaseFacts, actor = retentionDirector, patronCases: readonly RetentionCaseFacts[] = []) =>
  ({ type: 'ShredCaseIdentity', basis: 'by_hand', actor, reason: 'No longer needed', case: facts, sharingKey: [], patronCases, fingerprints: { [facts.keyId]: 'f'.repeat(32) } }) as const;

/** The default schedule with `changes` applied by kind (floors not restated are carried over). */
export function scheduleWith(changes: Partial<Record<RetentionCaseKind, Partial<RetentionRule>>>): RetentionRule[] {
  return DEFAULT_RETENTION_SCHEDULE.rules.map((rule) => ({ ...rule, ...changes[rule.caseKind] }));
}
export const setSchedule = (rules: readonly RetentionRule[], actor = retentionDirector) => ({ type: 'SetRetentionSchedule', actor, rules }) as const;
export const proposeSchedule = (rules: readonly RetentionRule[], proposalId = 'proposal-1', actor = retentionDirector) =>
  ({ type: 'ProposeRetentionSchedule', actor, proposalId, rules }) as const;
export const approveProposal = (proposalId = 'proposal-1', actor = retentionCounsel) => ({ type: 'ApproveRetentionScheduleProposal', actor, proposalId }) as const;
export const withdrawProposal = (proposalId = 'proposal-1', actor = retentionDirector) => ({ type: 'WithdrawRetentionScheduleProposal', actor, proposalId, reason: 'Not now' }) as const;

/** A patron at the desk asking for erasure, as staff record it; override who asked, how and with what. */
export const recordErasure = (overrides: Record<string, unknown> = {}) =>
  ({
    type: 'RecordErasureRequest',
    actor: retentionStaff,
    requestId: 'er-1',
    patron: { blindIndex: PATRON_BLIND_INDEX, pseudonym: `P-${PATRON_BLIND_INDEX.slice(0, 12)}` },
    requesterKind: 'patron',
    channel: 'in_person',
    identification: ['library_card'],
    cardReportedLost: false,
    ...overrides,
  }) as const;
export const approveErasure = (cases: readonly RetentionCaseFacts[], requestId = 'er-1', actor = retentionDirector) =>
  ({ type: 'AnswerErasureRequest', actor, requestId, cases, fingerprints: Object.fromEntries(cases.map((facts) => [facts.keyId, 'a'.repeat(32)])) }) as const;

/** Given these commands were accepted, in order: the state after them (a refused one throws). */
export function retentionGiven(...commands: RetentionCommand[]): { state: RetentionState; events: RetentionEvent[] } {
  let state = initialRetentionState;
  const events: RetentionEvent[] = [];
  for (const command of commands) {
    const decided = decideRetention(command, state);
    events.push(...decided);
    state = decided.reduce(evolveRetention, state);
  }
  return { state, events };
}

import { assertNever, type Decider } from '../shared/decider.js';
import { CaseStateConflict, InvalidCommand, NotFound } from '../shared/errors.js';
import type { Actor } from '../policy/actor.js';
import { forbiddenBy, violationOf } from '../policy/rules.js';
import { assertOptionalText, assertText, definedOnly } from '../support/command-checks.js';
import { NAME_MAX, TEXT_MAX } from '../shared/field-limits.js';
import { assertOccurredAtPlausible } from '../support/iso-time.js';
import type { IdentificationKind, Role } from '../vocabulary.js';
import { assertRetentionRules, floorsLowered, namesOtherPatrons, patronIdentifiersOf, type RetentionCaseFacts, retentionDueOf, withFloorsCarried } from './retention-schedule.js';
import type { AnswerErasureRequest, KeyFingerprints, RetentionCommand } from './retention.commands.js';
import type { ErasureOutcome, PatronIdentityShredded, RetentionEvent, ShredBasis } from './retention.events.js';
import { LEGAL_PROCESS_HOLD_REASON, legalProcessHolders } from './legal-process-hold.js';
import { evolveRetention, holdsCovering, initialRetentionState, type RetentionState, type ScheduleProposal } from './retention.state.js';

function requireRole(actor: Actor, roles: readonly Role[], what: string): void {
  if (!roles.includes(actor.role)) throw forbiddenBy('ROLE-NOT-PERMITTED', `${what}: ${roles.join(' or ')} only`);
}

/** Identification a patron's erasure request must come with: what proves a patron asking in person (PATRON-SELF-IN-PERSON). */
export const ERASURE_IDENTIFICATION: readonly IdentificationKind[] = ['photo_id', 'library_card'];

/** Why an identity must stay (null: it may be shredded now). */
export interface KeptBecause {
  readonly rule: 'LEGAL-HOLD' | 'LEGAL-PROCESS-HOLD' | 'RETENTION-UNTIL-RELEASED' | 'CASE-OPEN' | 'NOT-YET-DUE' | 'ALREADY-SHREDDED' | 'SHARED-KEY' | 'OTHER-PATRONS';
  readonly reason: string;
}

/**
 * Pure: may this case's identity be shredded at `at` on this basis? Legal holds first, always: no
 * basis overrides one. An open case is never shredded (it is being served). A rule that keeps a case
 * until counsel releases it holds until then, whoever asks. A number of days is the longest the
 * library keeps an identity against the patron's own request; the scheduler and the director by hand
 * both wait for it (a purge follows the schedule: RETENTION-NOT-DUE). A case of the patron under legal
 * process holds every other case of the patron (LEGAL-PROCESS-HOLD); `patronCases` are the patron's
 * cases, open ones included, and the reason never names the case that holds.
 */
export function keptBecause(facts: RetentionCaseFacts, state: RetentionState, at: string, basis: ShredBasis, patronCases: readonly RetentionCaseFacts[]): KeptBecause | null {
  if (state.shreddedKeys[facts.keyId] !== undefined) return { rule: 'ALREADY-SHREDDED', reason: `already shredded on ${state.shreddedKeys[facts.keyId]}` };
  const holds = holdsCovering(state, facts.caseId, patronIdentifiersOf(facts));
  if (holds.length > 0) {
    const named = holds.map((hold) => `${hold.holdId}${hold.matter ? ` (matter ${hold.matter})` : ''}`).join(', ');
    return { rule: 'LEGAL-HOLD', reason: `a legal hold covers it: ${named}` };
  }
  if (legalProcessHolders(facts, patronCases, state).length > 0) return { rule: 'LEGAL-PROCESS-HOLD', reason: LEGAL_PROCESS_HOLD_REASON };
  if (facts.closedAt === null) return { rule: 'CASE-OPEN', reason: 'the case is still open' };
  const due = retentionDueOf(facts, state.schedule, state.releasedCases[facts.caseId]);
  if (due.dueAt === null) return { rule: 'RETENTION-UNTIL-RELEASED', reason: due.reason };
  if (basis !== 'erasure_request' && Date.parse(due.dueAt) > Date.parse(at)) return { rule: 'NOT-YET-DUE', reason: `due on ${due.dueAt}: ${due.reason}` };
  return null;
}

/**
 * A request about a resource names every patron attached to it under one key: one patron's erasure
 * would make the others' identities unreadable before their time, so it waits for the schedule's date.
 */
function keptForOthers(facts: RetentionCaseFacts, blindIndex: string, state: RetentionState): KeptBecause | null {
  if (!namesOtherPatrons(facts, blindIndex)) return null;
  const due = retentionDueOf(facts, state.schedule, state.releasedCases[facts.caseId]);
  return { rule: 'OTHER-PATRONS', reason: `the record also names other patrons: it goes when the schedule purges it${due.dueAt ? ` (due on ${due.dueAt})` : ''}` };
}

function shredEvent(
  facts: RetentionCaseFacts,
  caseIds: readonly string[],
  state: RetentionState,
  fingerprints: KeyFingerprints,
  basis: ShredBasis,
  occurredAt: string,
  by: string,
): PatronIdentityShredded {
  const due = retentionDueOf(facts, state.schedule, state.releasedCases[facts.caseId]);
  return {
    type: 'PatronIdentityShredded',
    data: {
      caseId: facts.caseId,
      caseIds,
      pseudonym: facts.pseudonym,
      keyId: facts.keyId,
      keyFingerprint: fingerprints[facts.keyId] ?? null,
      scheduleRule: due.ruleId,
      scheduleVersion: state.schedule.version,
      dueDate: due.dueAt ?? occurredAt,
      basis,
      occurredAt,
      by,
    },
  };
}

function awaitingProposal(state: RetentionState, proposalId: string): ScheduleProposal {
  const proposal = state.proposals[proposalId];
  if (!proposal) throw new NotFound('No such schedule proposal');
  if (proposal.status !== 'awaiting_counsel') throw new CaseStateConflict(`Proposal ${proposalId} was ${proposal.status} on ${proposal.decidedAt}`);
  return proposal;
}

/** The patron's linked identifiers go when nothing of the patron stays: a kept case may still need to be found through them. */
function identifierKeysShredded(command: Pick<AnswerErasureRequest, 'identifierKeys' | 'fingerprints'>, outcomes: readonly ErasureOutcome[]) {
  const keyIds = command.identifierKeys ?? [];
  for (const keyId of keyIds) assertText(keyId, 'identifierKeys', 512);
  if (keyIds.length === 0 || outcomes.some((outcome) => outcome.result === 'kept')) return {};
  return { identifierKeysShredded: keyIds.map((keyId) => ({ keyId, keyFingerprint: command.fingerprints[keyId] ?? null })) };
}

/** The facts handed in must be about the case named, under the key named (the handler read them). */
function assertFacts(facts: RetentionCaseFacts | undefined, field: string): asserts facts is RetentionCaseFacts {
  if (!facts) throw new InvalidCommand(`${field} is required`, field);
  assertText(facts.caseId, `${field}.caseId`);
  assertText(facts.keyId, `${field}.keyId`, 512);
  // '' on a request about a resource or a transaction, which has no patron of its own.
  if (facts.blindIndex !== '') assertText(facts.blindIndex, `${field}.blindIndex`, 512);
  else if (facts.requesterKind === 'patron') throw new InvalidCommand(`${field}.blindIndex is required`, `${field}.blindIndex`);
}

export function decideRetention(command: RetentionCommand, state: RetentionState): RetentionEvent[] {
  assertOccurredAtPlausible(command.occurredAt, command.recordedAt);
  const { occurredAt } = command;
  switch (command.type) {
    case 'SetRetentionSchedule': {
      requireRole(command.actor, ['director'], 'the retention schedule');
      assertRetentionRules(command.rules);
      const rules = withFloorsCarried(command.rules, state.schedule);
      const lowered = floorsLowered(state.schedule, rules);
      if (lowered.length > 0) throw violationOf('RETENTION-COUNSEL-APPROVAL', `${lowered.join('; ')}: propose it (POST /v1/retention/schedule-proposals) for counsel to approve`);
      return [{ type: 'RetentionScheduleSet', data: { version: state.schedule.version + 1, rules, occurredAt, by: command.actor.userId } }];
    }
    case 'ProposeRetentionSchedule': {
      requireRole(command.actor, ['director'], 'proposing a retention schedule');
      assertText(command.proposalId, 'proposalId');
      assertRetentionRules(command.rules);
      if (state.proposals[command.proposalId]) throw new CaseStateConflict(`Proposal ${command.proposalId} exists already`);
      const rules = withFloorsCarried(command.rules, state.schedule);
      const lowers = floorsLowered(state.schedule, rules);
      const by = command.actor.userId;
      if (lowers.length === 0) {
        return [{ type: 'RetentionScheduleSet', data: { version: state.schedule.version + 1, rules, proposalId: command.proposalId, occurredAt, by } }];
      }
      return [{ type: 'RetentionScheduleProposed', data: { proposalId: command.proposalId, rules, basedOnVersion: state.schedule.version, lowers, occurredAt, by } }];
    }
    case 'ApproveRetentionScheduleProposal': {
      // The second hand: counsel, never the director who proposed it.
      requireRole(command.actor, ['counsel'], 'approving a retention schedule');
      const proposal = awaitingProposal(state, command.proposalId);
      if (proposal.basedOnVersion !== state.schedule.version) {
        throw new CaseStateConflict(`Proposal ${proposal.proposalId} was made against schedule version ${proposal.basedOnVersion}; version ${state.schedule.version} is in force now: withdraw it and propose again`);
      }
      const by = command.actor.userId;
      return [
        { type: 'RetentionScheduleProposalApproved', data: { proposalId: proposal.proposalId, occurredAt, by } },
        { type: 'RetentionScheduleSet', data: { version: state.schedule.version + 1, rules: proposal.rules, proposalId: proposal.proposalId, approvedBy: by, occurredAt, by: proposal.proposedBy } },
      ];
    }
    case 'WithdrawRetentionScheduleProposal': {
      requireRole(command.actor, ['director', 'counsel'], 'withdrawing a retention schedule proposal');
      assertOptionalText(command.reason, 'reason', TEXT_MAX);
      const proposal = awaitingProposal(state, command.proposalId);
      return [{ type: 'RetentionScheduleProposalWithdrawn', data: definedOnly({ proposalId: proposal.proposalId, reason: command.reason?.trim(), occurredAt, by: command.actor.userId }) }];
    }
    case 'PlaceLegalHold': {
      requireRole(command.actor, ['counsel', 'director'], 'legal holds');
      assertText(command.holdId, 'holdId');
      assertText(command.reason, 'reason', TEXT_MAX);
      assertOptionalText(command.matter, 'matter', NAME_MAX);
      const target = command.target;
      if ('caseId' in target) assertText(target.caseId, 'caseId');
      else assertText(target?.patron?.blindIndex, 'patron.blindIndex', 512);
      if (state.holds.some((hold) => hold.holdId === command.holdId)) throw new CaseStateConflict(`Hold ${command.holdId} already exists`);
      const normalisedTarget = 'caseId' in target ? { caseId: target.caseId } : { patron: { blindIndex: target.patron.blindIndex, pseudonym: target.patron.pseudonym } };
      return [
        {
          type: 'LegalHoldPlaced',
          data: definedOnly({ holdId: command.holdId, target: normalisedTarget, reason: command.reason.trim(), matter: command.matter?.trim(), occurredAt, by: command.actor.userId }),
        },
      ];
    }
    case 'ReleaseLegalHold': {
      // "Only counsel releases it": the director places holds but cannot lift one.
      requireRole(command.actor, ['counsel'], 'releasing a legal hold');
      assertOptionalText(command.reason, 'reason', TEXT_MAX);
      const hold = state.holds.find((candidate) => candidate.holdId === command.holdId);
      if (!hold) throw new NotFound('No such legal hold');
      if (hold.releasedAt !== undefined) throw new CaseStateConflict(`Legal hold ${command.holdId} was released on ${hold.releasedAt}`);
      return [{ type: 'LegalHoldReleased', data: definedOnly({ holdId: command.holdId, reason: command.reason, occurredAt, by: command.actor.userId }) }];
    }
    case 'ReleaseCaseRetention': {
      requireRole(command.actor, ['counsel'], 'releasing a case from retention');
      assertFacts(command.case, 'case');
      assertText(command.reason, 'reason', TEXT_MAX);
      if (state.releasedCases[command.case.caseId] !== undefined) throw new CaseStateConflict(`Case ${command.case.caseId} was released on ${state.releasedCases[command.case.caseId]}`);
      const due = retentionDueOf(command.case, state.schedule);
      if (due.keepDays !== 'until_released') throw new CaseStateConflict(`Nothing to release: ${due.reason}`);
      return [{ type: 'CaseRetentionReleased', data: { caseId: command.case.caseId, reason: command.reason.trim(), occurredAt, by: command.actor.userId } }];
    }
    case 'ShredCaseIdentity': {
      if (command.basis === 'by_hand') {
        requireRole(command.actor, ['director'], 'purging an identity by hand');
        assertText(command.reason, 'reason', TEXT_MAX);
      }
      assertOptionalText(command.dispositionAuthority, 'dispositionAuthority', NAME_MAX);
      assertFacts(command.case, 'case');
      const by = command.basis === 'by_hand' ? command.actor.userId : command.by;
      const all = [command.case, ...command.sharingKey.filter((other) => other.caseId !== command.case.caseId)];
      for (const facts of all) {
        if (facts.keyId !== command.case.keyId) throw new InvalidCommand(`case ${facts.caseId} is not under key ${command.case.keyId}`, 'sharingKey');
        const kept = keptBecause(facts, state, occurredAt, command.basis, command.patronCases ?? []);
        if (!kept) continue;
        const about = facts === command.case ? 'this case' : `case ${facts.caseId}, which shares this case's first-reading key,`;
        if (kept.rule === 'LEGAL-HOLD') throw violationOf('LEGAL-HOLD', `${about}: ${kept.reason}`);
        if (kept.rule === 'LEGAL-PROCESS-HOLD') throw violationOf('LEGAL-PROCESS-HOLD', `${about}: ${kept.reason}`);
        if (kept.rule === 'RETENTION-UNTIL-RELEASED') throw violationOf('RETENTION-UNTIL-RELEASED', `${about}: ${kept.reason}`);
        if (kept.rule === 'NOT-YET-DUE') throw violationOf('RETENTION-NOT-DUE', `${about}: ${kept.reason}`);
        throw new CaseStateConflict(`The identity in ${about} cannot be shredded: ${kept.reason}`);
      }
      const shred = shredEvent(command.case, all.map((facts) => facts.caseId), state, command.fingerprints, command.basis, occurredAt, by);
      const authority = command.dispositionAuthority?.trim();
      return [authority ? { ...shred, data: { ...shred.data, dispositionAuthority: authority } } : shred];
    }
    case 'RecordErasureRequest': {
      requireRole(command.actor, ['staff', 'director'], 'erasure requests');
      assertText(command.requestId, 'requestId');
      assertText(command.patron?.blindIndex, 'patron.blindIndex', 512);
      // The same rules as a patron's own request in person: the patron, at the desk, with their card or a photo id.
      if (command.requesterKind !== 'patron' || command.channel !== 'in_person') {
        throw violationOf('ERASURE-ID', `a ${command.requesterKind.replace(/_/g, ' ')} request by ${command.channel.replace(/_/g, ' ')}`);
      }
      const proving = command.identification.filter((kind) => ERASURE_IDENTIFICATION.includes(kind));
      if (proving.length === 0) throw violationOf('ERASURE-ID', `shown: ${command.identification.join(', ') || 'nothing'}; needed: ${ERASURE_IDENTIFICATION.join(' or ')}`);
      if (command.cardReportedLost && !proving.includes('photo_id')) throw violationOf('CARD-LOST', 'a photo id proves the patron while the card is reported lost');
      if (state.pendingErasures[command.requestId] || state.erasureRequestIds.includes(command.requestId)) throw new CaseStateConflict(`Erasure request ${command.requestId} exists already`);
      return [
        {
          type: 'ErasureRequestRecorded',
          data: {
            requestId: command.requestId,
            pseudonym: command.patron.pseudonym,
            blindIndex: command.patron.blindIndex,
            channel: command.channel,
            identification: [...new Set(command.identification)],
            occurredAt,
            by: command.actor.userId,
          },
        },
      ];
    }
    case 'AnswerErasureRequest': {
      // The irreversible step takes the Director's sign-off.
      requireRole(command.actor, ['director'], 'approving an erasure request');
      if (state.erasureRequestIds.includes(command.requestId)) throw new CaseStateConflict(`Erasure request ${command.requestId} was answered already`);
      const recorded = state.pendingErasures[command.requestId];
      if (!recorded) throw new NotFound('No such erasure request');
      const patron = { blindIndex: recorded.blindIndex, pseudonym: recorded.pseudonym };
      for (const facts of command.cases) {
        assertFacts(facts, 'cases');
        if (!patronIdentifiersOf(facts).includes(patron.blindIndex)) throw new InvalidCommand(`case ${facts.caseId} is not this patron's`, 'cases');
      }
      const byKey = new Map<string, RetentionCaseFacts[]>();
      for (const facts of command.cases) byKey.set(facts.keyId, [...(byKey.get(facts.keyId) ?? []), facts]);
      const outcomes: ErasureOutcome[] = [];
      const shreds: PatronIdentityShredded[] = [];
      for (const [, group] of byKey) {
        const verdicts = group.map((facts) => ({ facts, kept: keptBecause(facts, state, occurredAt, 'erasure_request', command.cases) ?? keptForOthers(facts, patron.blindIndex, state) }));
        if (verdicts.every(({ kept }) => kept?.rule === 'ALREADY-SHREDDED')) {
          for (const { facts } of verdicts) outcomes.push({ caseId: facts.caseId, result: 'already_shredded', reason: verdicts[0].kept!.reason });
          continue;
        }
        const blocking = verdicts.filter(({ kept }) => kept !== null);
        if (blocking.length === 0) {
          shreds.push(shredEvent(group[0], group.map((facts) => facts.caseId), state, command.fingerprints, 'erasure_request', occurredAt, command.actor.userId));
          for (const { facts } of verdicts) outcomes.push({ caseId: facts.caseId, result: 'shredded' });
          continue;
        }
        for (const { facts, kept } of verdicts) {
          if (kept) outcomes.push({ caseId: facts.caseId, result: 'kept', rule: kept.rule, reason: kept.reason });
          else {
            const blocker = blocking[0];
            outcomes.push({ caseId: facts.caseId, result: 'kept', rule: 'SHARED-KEY', reason: `its identity is under one key with case ${blocker.facts.caseId}, which is kept: ${blocker.kept!.reason}` });
          }
        }
      }
      return [
        ...shreds,
        {
          type: 'ErasureRequestAnswered',
          data: {
            requestId: command.requestId,
            pseudonym: patron.pseudonym,
            blindIndex: patron.blindIndex,
            identification: recorded.identification,
            outcomes,
            recordedBy: recorded.recordedBy,
            ...identifierKeysShredded(command, outcomes),
            occurredAt,
            by: command.actor.userId,
          },
        },
      ];
    }
    default:
      return assertNever(command, 'retention command');
  }
}

export const retentionDecider: Decider<RetentionCommand, RetentionState, RetentionEvent> = {
  initialState: initialRetentionState,
  evolve: evolveRetention,
  decide: (command, state) => decideRetention(command, state),
};

/**
 * The plain statement a library hands to the patron after an erasure request, from the answer as the
 * patron may hear it (`erasureAnswerShown`): when cases were left unnamed (sealed), kept records are
 * "some records", with no count that could tell them apart.
 */
export function erasureStatement(answer: {
  readonly occurredAt: string;
  readonly outcomes: readonly ErasureOutcome[];
  readonly someRecordsKept?: boolean;
  readonly unnamed?: boolean;
}): string {
  const day = answer.occurredAt.slice(0, 10);
  const shredded = answer.outcomes.filter((outcome) => outcome.result !== 'kept');
  const kept = answer.outcomes.filter((outcome) => outcome.result === 'kept');
  const lines = [`On ${day} the Library acted on your request to delete your personal information from its record of requests for patron records.`];
  if (answer.outcomes.length === 0 && !answer.unnamed) lines.push('The Library holds no record of a request about you in this ledger.');
  if (shredded.length > 0) {
    const records = shredded.length === 1 ? '1 record' : `${shredded.length} records`;
    lines.push(
      `Your card number or patron id in ${records} can no longer be read: the key that could read it has been destroyed, and the Library cannot recover it.`,
      `What remains in ${shredded.length === 1 ? 'that record' : 'those records'}: a pseudonym (a code the Library derives from your card number, the same in each of your records, from which your name cannot be read), the dates of the request and of what was done, what kinds of records were asked for and released, and the counts in the Library's statistics. Someone who holds the Library's index key and your card number could still tell that ${shredded.length === 1 ? 'it concerns' : 'they concern'} that card.`,
      'If you asked for your own records before the Library began storing requesters\u2019 names encrypted, the name you gave then remains in the record of that request; the Library no longer shows it.',
    );
  }
  if (answer.unnamed && (answer.someRecordsKept || kept.length > 0)) {
    lines.push(`The Library must keep your identity in some records for now${kept.length > 0 ? ':' : '.'}`);
  } else if (kept.length > 0) {
    lines.push(`The Library must keep your identity in ${kept.length === 1 ? '1 record' : `${kept.length} records`} for now:`);
  }
  for (const outcome of kept) lines.push(`- ${KEPT_IN_PLAIN_WORDS[outcome.rule as KeptBecause['rule']] ?? outcome.reason}`);
  lines.push('That your request was made and answered is itself recorded, under the same pseudonym, without your name or card number.');
  return lines.join('\n');
}

const KEPT_IN_PLAIN_WORDS: Partial<Record<KeptBecause['rule'], string>> = {
  'LEGAL-HOLD': 'a legal hold placed by the Library\u2019s counsel requires the record to be preserved;',
  'LEGAL-PROCESS-HOLD': 'the Library must keep the record for now;',
  'RETENTION-UNTIL-RELEASED': 'the record concerns a request from law enforcement, a legal instrument or a compliance finding, and is kept until the Library\u2019s counsel releases it;',
  'CASE-OPEN': 'the request the record is about is still being handled;',
  'SHARED-KEY': 'the record was made before the Library kept each record under its own key, and another of your records that must be kept shares its key;',
  'OTHER-PATRONS': 'the record also concerns other people, and is kept until the Library\u2019s schedule lets it go;',
};

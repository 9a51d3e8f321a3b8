import { InvalidCommand } from '../shared/errors.js';
import type { RequesterKind } from '../vocabulary.js';

/**
 * The kinds of case a retention rule can name. A case is of every kind that fits it: a law-enforcement
 * case with a subpoena is `law_enforcement` and `with_instrument`; a case with a finding of severity
 * `violation` is also `with_violation`. The rule that keeps the identity longest governs.
 */
export const RETENTION_CASE_KINDS = [
  'patron_self_service',
  'family_or_friend',
  'debt_payer',
  'parent_or_guardian',
  'vendor',
  'public_records',
  'other',
  'law_enforcement',
  'wellness_check',
  'with_instrument',
  'with_violation',
] as const;
export type RetentionCaseKind = (typeof RETENTION_CASE_KINDS)[number];

/** Days after the case closed, or until counsel releases the case. */
export type KeepDays = number | 'until_released';
export const UNTIL_RELEASED = 'until_released';

export interface RetentionRule {
  readonly id: string;
  readonly caseKind: RetentionCaseKind;
  readonly keepDays: KeepDays;
  /**
   * The floor the library declares for this kind (from the State Library's municipal schedules): a
   * rule below it, or a lower floor, takes effect only with counsel's approval.
   */
  readonly minimumDays?: number;
}

export interface RetentionSchedule {
  readonly rules: readonly RetentionRule[];
  /** 0: the default below, never changed; then one more each time the director sets a schedule. */
  readonly version: number;
}

/** The longest a library may choose to keep an identity: a hundred years. */
export const MAX_KEEP_DAYS = 36_500;

/**
 * The default (docs/records-lifecycle.md gives the reasons): routine self-service 90 days; requests
 * by other people a year, for questions and complaints about them; wellness checks 3 years, as the
 * record of an emergency disclosure; law enforcement, any legal instrument and any violation until
 * counsel releases the case (litigation, a motion to quash, an audit may still need it).
 */
export const DEFAULT_RETENTION_SCHEDULE: RetentionSchedule = {
  version: 0,
  // The floors (minimumDays) are docs/policy-decisions.md RL1's reading of the State Library's
  // municipal schedules M1 and M11; counsel to confirm.
  rules: [
    { id: 'RET-PATRON-SELF', caseKind: 'patron_self_service', keepDays: 90, minimumDays: 30 },
    { id: 'RET-FAMILY', caseKind: 'family_or_friend', keepDays: 365, minimumDays: 365 },
    { id: 'RET-DEBT-PAYER', caseKind: 'debt_payer', keepDays: 365, minimumDays: 365 },
    { id: 'RET-GUARDIAN', caseKind: 'parent_or_guardian', keepDays: 365, minimumDays: 365 },
    { id: 'RET-VENDOR', caseKind: 'vendor', keepDays: 365, minimumDays: 365 },
    { id: 'RET-PUBLIC-RECORDS', caseKind: 'public_records', keepDays: 365, minimumDays: 365 },
    { id: 'RET-OTHER', caseKind: 'other', keepDays: 365, minimumDays: 365 },
    { id: 'RET-LAW-ENFORCEMENT', caseKind: 'law_enforcement', keepDays: UNTIL_RELEASED },
    { id: 'RET-WELLNESS', caseKind: 'wellness_check', keepDays: 1095, minimumDays: 1095 },
    { id: 'RET-INSTRUMENT', caseKind: 'with_instrument', keepDays: UNTIL_RELEASED },
    { id: 'RET-VIOLATION', caseKind: 'with_violation', keepDays: UNTIL_RELEASED },
  ],
};

const RULE_ID = /^[A-Z0-9][A-Z0-9-]{0,39}$/;

/** A schedule names every kind of case exactly once, so no identity is left without a rule. */
export function assertRetentionRules(rules: unknown): asserts rules is readonly RetentionRule[] {
  if (!Array.isArray(rules) || rules.length === 0) throw new InvalidCommand('rules must list one rule per kind of case', 'rules');
  const ids = new Set<string>();
  const kinds = new Set<string>();
  for (const [i, rule] of (rules as RetentionRule[]).entries()) {
    if (typeof rule?.id !== 'string' || !RULE_ID.test(rule.id)) throw new InvalidCommand(`rules[${i}].id must be 1–40 of A–Z, 0–9 and -`, `rules.${i}.id`);
    if (ids.has(rule.id)) throw new InvalidCommand(`rules[${i}].id ${rule.id} is used twice`, `rules.${i}.id`);
    if (!(RETENTION_CASE_KINDS as readonly string[]).includes(rule.caseKind)) {
      throw new InvalidCommand(`rules[${i}].caseKind must be one of ${RETENTION_CASE_KINDS.join(', ')}`, `rules.${i}.caseKind`);
    }
    if (kinds.has(rule.caseKind)) throw new InvalidCommand(`rules[${i}].caseKind ${rule.caseKind} has a rule already`, `rules.${i}.caseKind`);
    const keep = rule.keepDays;
    if (keep !== UNTIL_RELEASED && !(Number.isInteger(keep) && keep >= 0 && keep <= MAX_KEEP_DAYS)) {
      throw new InvalidCommand(`rules[${i}].keepDays must be a whole number of days from 0 to ${MAX_KEEP_DAYS}, or "until_released"`, `rules.${i}.keepDays`);
    }
    const floor = rule.minimumDays;
    if (floor !== undefined && !(Number.isInteger(floor) && floor >= 0 && floor <= MAX_KEEP_DAYS)) {
      throw new InvalidCommand(`rules[${i}].minimumDays must be a whole number of days from 0 to ${MAX_KEEP_DAYS}`, `rules.${i}.minimumDays`);
    }
    ids.add(rule.id);
    kinds.add(rule.caseKind);
  }
  const missing = RETENTION_CASE_KINDS.filter((kind) => !kinds.has(kind));
  if (missing.length > 0) throw new InvalidCommand(`rules must name every kind of case; missing: ${missing.join(', ')}`, 'rules');
}

/**
 * Kinds the law keeps: legal process, a legal instrument, a violation. Destroying them early is
 * spoliation, so their floor is `until_released` and any number of days for them is below it.
 */
export const KINDS_THE_LAW_KEEPS: readonly RetentionCaseKind[] = ['law_enforcement', 'with_instrument', 'with_violation'];

/** The rules as the schedule records them: a floor not restated is carried over from the schedule in force. */
export function withFloorsCarried(rules: readonly RetentionRule[], current: RetentionSchedule): RetentionRule[] {
  return rules.map(({ id, caseKind, keepDays, minimumDays }) => {
    const floor = minimumDays ?? current.rules.find((rule) => rule.caseKind === caseKind)?.minimumDays;
    return floor === undefined ? { id, caseKind, keepDays } : { id, caseKind, keepDays, minimumDays: floor };
  });
}

/**
 * Pure: where `proposed` (floors carried) goes below a floor of the schedule in force, in plain words;
 * empty when it lowers none. A kind the law keeps is below its floor when it would be kept for fewer
 * days than now (`until_released` outlasts any number); any kind is when it is kept for fewer days
 * than its declared floor, or its floor is lowered.
 */
export function floorsLowered(current: RetentionSchedule, proposed: readonly RetentionRule[]): string[] {
  const lowered: string[] = [];
  for (const rule of proposed) {
    const now = current.rules.find((candidate) => candidate.caseKind === rule.caseKind) ?? fallbackRule(rule.caseKind);
    const kind = rule.caseKind.replace(/_/g, ' ');
    if (KINDS_THE_LAW_KEEPS.includes(rule.caseKind) && rule.keepDays !== UNTIL_RELEASED && (now.keepDays === UNTIL_RELEASED || rule.keepDays < now.keepDays)) {
      lowered.push(`${kind}: ${rule.keepDays} days instead of ${now.keepDays === UNTIL_RELEASED ? 'until counsel releases the case' : `${now.keepDays} days`}`);
    }
    if (now.minimumDays !== undefined && rule.keepDays !== UNTIL_RELEASED && rule.keepDays < now.minimumDays) {
      lowered.push(`${kind}: ${rule.keepDays} days, below the floor of ${now.minimumDays}`);
    }
    if (now.minimumDays !== undefined && (rule.minimumDays ?? 0) < now.minimumDays) {
      lowered.push(`${kind}: the floor lowered from ${now.minimumDays} to ${rule.minimumDays ?? 0} days`);
    }
  }
  return lowered;
}

/** What retention needs to know about a case (a fold of its stream, plus the findings view for violations). */
export interface RetentionCaseFacts {
  readonly caseId: string;
  readonly requesterKind: RequesterKind;
  readonly wellnessCheck: boolean;
  readonly hasInstrument: boolean;
  readonly hasViolation: boolean;
  readonly openedAt: string;
  /** null while the case is open. */
  readonly closedAt: string | null;
  readonly blindIndex: string;
  readonly pseudonym: string;
  /** The data key the case's patron reference is encrypted under. */
  readonly keyId: string;
  /**
   * Every identifier (blind index) of the case's patron, the case's own among them, when the patron has
   * more than one (card numbers, the ILS id): holds and legal process act on the patron through any.
   */
  readonly patronIdentifiers?: readonly string[];
  /**
   * A request about a resource or a transaction (no patron of its own, `blindIndex` ''): each patron the
   * Director attached, as all of that patron's identifiers (blind indexes). `patronIdentifiers` then holds
   * every one of them, so holds and legal process reach the case through any.
   */
  readonly attachedPatrons?: readonly (readonly string[])[];
}

/** The blind indexes that name a patron of the case: its patron's linked identifiers, or the case's own alone; every attached patron's on a request about a resource. */
export function patronIdentifiersOf(facts: Pick<RetentionCaseFacts, 'blindIndex' | 'patronIdentifiers'>): readonly string[] {
  return facts.patronIdentifiers ?? (facts.blindIndex === '' ? [] : [facts.blindIndex]);
}

/** Whether the case's record names patrons besides the one `blindIndex` names (only a request about a resource can). */
export function namesOtherPatrons(facts: Pick<RetentionCaseFacts, 'attachedPatrons'>, blindIndex: string): boolean {
  return (facts.attachedPatrons ?? []).some((identifiers) => !identifiers.includes(blindIndex));
}

export function retentionKindsOf(facts: Pick<RetentionCaseFacts, 'requesterKind' | 'wellnessCheck' | 'hasInstrument' | 'hasViolation'>): RetentionCaseKind[] {
  const kinds: RetentionCaseKind[] = [];
  if (facts.wellnessCheck) kinds.push('wellness_check');
  // A government agency's request goes through the law-enforcement door (GOVERNMENT-REFER), and is kept as one.
  else kinds.push(facts.requesterKind === 'patron' ? 'patron_self_service' : facts.requesterKind === 'government_agency' ? 'law_enforcement' : facts.requesterKind);
  if (facts.hasInstrument) kinds.push('with_instrument');
  if (facts.hasViolation) kinds.push('with_violation');
  return kinds;
}

/** When the identity of a case may be shredded, and which rule says so. */
export interface RetentionDue {
  readonly ruleId: string;
  readonly keepDays: KeepDays;
  /** null: not yet (the case is open, or a rule keeps it until counsel releases it). */
  readonly dueAt: string | null;
  /** Plain words: why this date (or why none yet). */
  readonly reason: string;
}

const DAY_MS = 86_400_000;

/**
 * Pure: the governing rule of a case under a schedule. Every rule that fits the case counts and the
 * one that keeps it longest governs; `until_released` outlasts any number of days until counsel's
 * release (`releasedAt`), from which it no longer holds the identity back.
 */
export function retentionDueOf(facts: RetentionCaseFacts, schedule: RetentionSchedule, releasedAt?: string): RetentionDue {
  const rules = retentionKindsOf(facts).map((kind) => schedule.rules.find((rule) => rule.caseKind === kind) ?? fallbackRule(kind));
  const untilReleased = rules.find((rule) => rule.keepDays === UNTIL_RELEASED);
  if (untilReleased && releasedAt === undefined) {
    return { ruleId: untilReleased.id, keepDays: UNTIL_RELEASED, dueAt: null, reason: `kept until counsel releases it (rule ${untilReleased.id}, ${untilReleased.caseKind.replace(/_/g, ' ')})` };
  }
  if (facts.closedAt === null) {
    const governing = untilReleased ?? longest(rules);
    return { ruleId: governing.id, keepDays: governing.keepDays, dueAt: null, reason: 'the case is still open' };
  }
  const closedAt = facts.closedAt;
  const dueOf = (rule: RetentionRule): number =>
    rule.keepDays === UNTIL_RELEASED ? Math.max(Date.parse(closedAt), Date.parse(releasedAt!)) : Date.parse(closedAt) + rule.keepDays * DAY_MS;
  const governing = rules.reduce((best, rule) => (dueOf(rule) > dueOf(best) ? rule : best));
  const dueAt = new Date(dueOf(governing)).toISOString();
  const reason =
    governing.keepDays === UNTIL_RELEASED
      ? `counsel released it on ${releasedAt} (rule ${governing.id})`
      : `${governing.keepDays} days after the case closed on ${closedAt} (rule ${governing.id}, ${governing.caseKind.replace(/_/g, ' ')})`;
  return { ruleId: governing.id, keepDays: governing.keepDays, dueAt, reason };
}

function longest(rules: readonly RetentionRule[]): RetentionRule {
  return rules.reduce((best, rule) => (rule.keepDays === UNTIL_RELEASED || (best.keepDays !== UNTIL_RELEASED && rule.keepDays > best.keepDays) ? rule : best));
}

/** A schedule always names every kind (assertRetentionRules); this only guards a stored schedule of an older shape. */
function fallbackRule(kind: RetentionCaseKind): RetentionRule {
  return DEFAULT_RETENTION_SCHEDULE.rules.find((rule) => rule.caseKind === kind)!;
}

import { DomainError, ForbiddenByPolicy, PolicyViolation } from '../shared/errors.js';
import type { JurisdictionPack } from './jurisdiction.js';
import { DEFAULT_JURISDICTION } from './jurisdictions.js';
import { LIBRARY_READING, RULE_IDS, type FiredRule, type RuleId } from './rule-text.js';

export function ruleOf(id: RuleId, jurisdiction: JurisdictionPack = DEFAULT_JURISDICTION): FiredRule {
  return { id, ...jurisdiction.rules[id] };
}

function explained(id: RuleId, jurisdiction: JurisdictionPack, detail: string | undefined): string {
  const message = jurisdiction.rules[id].message;
  return detail ? `${message} (${detail})` : message;
}

/**
 * The 422 a command gets when `id` refuses it; `detail` adds what exactly was wrong. Deciders that are
 * not given a pack throw under the default one, and `citedUnder` gives the error the words of the pack
 * in force (the rule id is the same in every pack).
 */
export function violationOf(id: RuleId, detail?: string, jurisdiction: JurisdictionPack = DEFAULT_JURISDICTION): PolicyViolation {
  return new PolicyViolation(id, jurisdiction.rules[id].citation, explained(id, jurisdiction, detail), detail);
}

/** The 403 a command gets when `id` forbids the actor. */
export function forbiddenBy(id: RuleId, detail?: string, jurisdiction: JurisdictionPack = DEFAULT_JURISDICTION): ForbiddenByPolicy {
  return new ForbiddenByPolicy(id, jurisdiction.rules[id].citation, explained(id, jurisdiction, detail), detail);
}

/** Rules whose message says they are the library's own reading of the policy. */
export function isLibraryReading(id: RuleId, jurisdiction: JurisdictionPack = DEFAULT_JURISDICTION): boolean {
  return jurisdiction.rules[id].message.startsWith(LIBRARY_READING);
}

function isRuleId(rule: string | undefined): rule is RuleId {
  return rule !== undefined && (RULE_IDS as readonly string[]).includes(rule);
}

/** A policy refusal in the words and citation of `jurisdiction`; any other error as it is. */
export function citedUnder(error: unknown, jurisdiction: JurisdictionPack): unknown {
  if (!(error instanceof DomainError) || !isRuleId(error.rule)) return error;
  if (error instanceof PolicyViolation) return violationOf(error.rule, error.detail, jurisdiction);
  if (error instanceof ForbiddenByPolicy) return forbiddenBy(error.rule, error.detail, jurisdiction);
  return error;
}

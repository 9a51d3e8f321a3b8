/**
 * What every jurisdiction's rule table is made of. The rule ids are the API's contract (API.md "Policy
 * rules"): every pack gives each of them its own citation and message; what a rule does is the
 * library's policy and the same everywhere.
 */

/** What a rule does when it fires. */
export const RULE_EFFECTS = [
  'permit', // grants categories to the requester
  'restrict', // narrows what another rule granted
  'deny', // the request has no basis: route `deny`
  'refer', // the request goes to the director: route `refer_to_director`
  'reject_identification', // an identification offered is not accepted
  'refuse', // a command is refused (422)
  'forbid', // the actor may not do this (403)
] as const;
export type RuleEffect = (typeof RULE_EFFECTS)[number];

/** Every rule id a pack must cite, in the order the packs list them. */
export const RULE_IDS = [
  'PATRON-SELF-IN-PERSON',
  'PATRON-SELF-ONLINE',
  'PATRON-PERSONAL-INFO-PHOTO-ID',
  'PATRON-SELF-PHONE',
  'ID-REQUIRED',
  'CARD-LOST',
  'FAMILY-CARD',
  'FAMILY-NO-CONTACT',
  'FAMILY-PURPOSE-REQUIRED',
  'DEBT-PAYER',
  'MINOR-GUARDIAN',
  'MINOR-ONLY',
  'LE-REFER',
  'GOVERNMENT-REFER',
  'VENDOR-AUTH',
  'VENDOR-NOT-APPROVED',
  'FOIA-EXEMPT',
  'WRITTEN-CONSENT',
  'CONSENT-GRANTEE-ID',
  'OTHER-NO-BASIS',
  'REQUEST-OUTSIDE-BASIS',
  'RELEASE-SCOPE',
  'LE-STAFF-NO-RELEASE',
  'LE-DIRECTOR-ONLY',
  'LE-INSTRUMENT-REQUIRED',
  'LE-NSL-NOT-APPLICABLE',
  'LE-STATUTE-COURT-ORDER',
  'LE-COUNSEL-FIRST',
  'LE-ADVICE-AGAINST',
  'LE-SCOPE',
  'LE-WARRANT-REQUIRED',
  'CONSENT-INACTIVE',
  'WELLNESS-SCOPE',
  'WELLNESS-IMMEDIATE-ONLY',
  'ROLE-NOT-PERMITTED',
  'NEED-TO-KNOW-DIRECTOR',
  'ADMIN-NO-CASE-DATA',
  'SEALED',
  'LEGAL-HOLD',
  'LEGAL-PROCESS-HOLD',
  'RETENTION-UNTIL-RELEASED',
  'RETENTION-COUNSEL-APPROVAL',
  'RETENTION-NOT-DUE',
  'ERASURE-ID',
  'CONSENT-PROOF',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export interface PolicyRule {
  readonly id: string;
  readonly effect: RuleEffect;
  readonly citation: string;
  readonly message: string;
}

/** A rule as it appears in an evaluation or a rejection. */
export type FiredRule = PolicyRule;

/** A rule as a pack states it: what it does, what it cites and what it says. */
export type RuleText = Omit<PolicyRule, 'id'>;

/** A jurisdiction's rule table: every rule id, cited under its law. */
export type RuleTable = { readonly [id in RuleId]: RuleText };

/** Releases the policy allows and the statute has no door for say so, so counsel sees it. */
export const POLICY_BASIS_ALONE = '(policy basis alone: no statutory door)';
/** Rules that are this library's reading of a silent or ambiguous passage say so in their message. */
export const LIBRARY_READING = "This is the library's own reading of the policy:";

/** The rule ids API.md names; the rest of the pack is this team's additions. */
export const CONTRACT_RULE_IDS = [
  'PATRON-SELF-IN-PERSON',
  'PATRON-SELF-ONLINE',
  'PATRON-SELF-PHONE',
  'ID-REQUIRED',
  'CARD-LOST',
  'FAMILY-CARD',
  'FAMILY-NO-CONTACT',
  'DEBT-PAYER',
  'MINOR-GUARDIAN',
  'MINOR-ONLY',
  'LE-REFER',
  'VENDOR-AUTH',
  'VENDOR-NOT-APPROVED',
  'PATRON-PERSONAL-INFO-PHOTO-ID',
  'FOIA-EXEMPT',
  'WRITTEN-CONSENT',
  'OTHER-NO-BASIS',
  'RELEASE-SCOPE',
  'LE-STAFF-NO-RELEASE',
  'LE-DIRECTOR-ONLY',
  'GOVERNMENT-REFER',
  'CONSENT-INACTIVE',
  'LE-INSTRUMENT-REQUIRED',
  'LE-NSL-NOT-APPLICABLE',
  'LE-STATUTE-COURT-ORDER',
  'LE-COUNSEL-FIRST',
  'LE-SCOPE',
  'WELLNESS-SCOPE',
  'LEGAL-HOLD',
  'LEGAL-PROCESS-HOLD',
  'WELLNESS-IMMEDIATE-ONLY',
  'FAMILY-PURPOSE-REQUIRED',
  'CONSENT-GRANTEE-ID',
  'REQUEST-OUTSIDE-BASIS',
  'LE-ADVICE-AGAINST',
  'LE-WARRANT-REQUIRED',
  'ROLE-NOT-PERMITTED',
  'NEED-TO-KNOW-DIRECTOR',
  'ADMIN-NO-CASE-DATA',
  'SEALED',
  'RETENTION-COUNSEL-APPROVAL',
  'RETENTION-NOT-DUE',
  'ERASURE-ID',
  'CONSENT-PROOF',
] as const satisfies readonly RuleId[];

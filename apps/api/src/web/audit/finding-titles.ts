import type { FindingRule } from '@ledger/domain';

/**
 * What each finding is about, in a sentence an auditor without the rule book reads: the findings page
 * filters and heads its rows by these, with the rule id beside them for those who know it. Every rule
 * has a title, or this does not compile.
 */
export const FINDING_TITLES = {
  'LE-REFERRAL-LATE': 'A police request reached the Director late',
  'LE-RELEASE-WITHOUT-COURT-ORDER': 'Records released to law enforcement without a court order',
  'COUNSEL-REFERRAL-LATE': 'Counsel was consulted late',
  'WARRANT-STAFF-RECORDED': 'Staff, not the Director, received a search warrant',
  'WARRANT-NO-COUNSEL-REVIEW': 'A search warrant was not reviewed by counsel in time',
  'DEADLINE-MISSED': 'A legal deadline passed with nothing done',
  'SUBPOENA-UNANSWERED': 'A subpoena went unanswered by its return date',
  'OBJECTION-LATE': 'An objection to a subpoena was filed late',
  'RETURN-DATE-BEFORE-RECEIPT': 'A return date fell before the library received the papers',
  'WELLNESS-DISCLOSURE': 'Staff told an agency about a patron in a wellness check',
  'FAMILY-CARD-BASIS': 'A family member was told about a patron’s account',
  'BREACH-NOTICE-LATE': 'People affected by a data breach were told late',
  'PATRON-NOTICE-DUE': 'A gag order ended: the patron may now be told',
  'AG-NOTICE-LATE': 'The Attorney General was told of a data breach after residents',
  'RETENTION-COUNSEL-APPROVAL': 'Records the law keeps were destroyed without counsel’s approval',
  'FOI-REPLY-LATE': 'A public-records request for statistics was answered late',
} as const satisfies Record<FindingRule, string>;

export const findingTitle = (rule: string): string => (FINDING_TITLES as Record<string, string>)[rule] ?? rule;

/** The rules in the order of their titles, for the filter's choices. */
export function findingRulesByTitle(): { rule: FindingRule; title: string }[] {
  return (Object.entries(FINDING_TITLES) as [FindingRule, string][])
    .map(([rule, title]) => ({ rule, title }))
    .sort((a, b) => a.title.localeCompare(b.title));
}

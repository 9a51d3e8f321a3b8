import { FINDING_RULE_IDS, type JurisdictionPack } from '../jurisdiction.js';
import { US_CT_FINDING_CITATIONS } from './finding-citations.js';
import { POLICY_VERSION } from './policy-version.js';
import { CITATION_AUTHORITIES, RULE_PACK } from './rule-pack.js';
import { reachesPersonalInformation } from './breach-statute.js';
import { usCtLegalHolidays } from './legal-holidays.js';

/**
 * Connecticut: CGS § 11-25(b) keeps library records confidential and opens two doors only, a court
 * order (a search warrant is one) or the user's written permission; CGS § 36a-701b gives sixty days at
 * most to notify a breach. The policy text is the library's board-approved one.
 */
export const usCt: JurisdictionPack = {
  id: 'us-ct',
  name: 'Connecticut',
  policyVersion: POLICY_VERSION,
  policyText: 'docs/policy/confidentiality-of-library-records.md',
  rules: RULE_PACK,
  releaseDoors: { instruments: ['court_order', 'search_warrant'], named: 'court order or search warrant' },
  // Every finding rule: each one checks this policy, or Connecticut's statutes, as the library reads them.
  findingRules: FINDING_RULE_IDS,
  findingCitations: US_CT_FINDING_CITATIONS,
  breachNotice: {
    days: 60,
    citation: 'CGS § 36a-701b(b)(1)',
    words: 'without unreasonable delay but not later than sixty days after discovery',
    // Subsection (a): the statute reaches personal information only; (b)(1): the Attorney General no later than the residents.
    reaches: reachesPersonalInformation,
    attorneyGeneral: true,
  },
  publicRecordsReply: {
    businessDays: 4,
    citation: 'CGS § 1-206(a); CGS § 11-25(b)(4)',
    words: 'within four business days of receipt (statistical reports that do not identify any library user may be published)',
    holidays: usCtLegalHolidays,
  },
  citationAuthorities: CITATION_AUTHORITIES,
};

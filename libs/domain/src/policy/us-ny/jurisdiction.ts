import { FINDING_RULE_IDS, type JurisdictionPack } from '../jurisdiction.js';
import { US_NY_FINDING_CITATIONS } from './finding-citations.js';
import { POLICY_VERSION } from './policy-version.js';
import { CITATION_AUTHORITIES, RULE_PACK } from './rule-pack.js';
import { usCt } from '../us-ct/jurisdiction.js';

/**
 * New York: CPLR § 4509 discloses library records "upon request or consent of the user or pursuant to
 * subpoena, court order or where otherwise required by statute", so a subpoena opens the statute's door
 * where in Connecticut only a court's order does. General Business Law § 899-aa(2), as amended in
 * December 2024, requires notice of a breach "in the most expedient time possible and without
 * unreasonable delay" and within thirty days of its discovery.
 */
export const usNy: JurisdictionPack = {
  id: 'us-ny',
  name: 'New York',
  policyVersion: POLICY_VERSION,
  policyText: 'docs/policy/confidentiality-of-library-records.us-ny.md',
  rules: RULE_PACK,
  releaseDoors: { instruments: ['subpoena', 'court_order', 'search_warrant'], named: 'subpoena, court order or search warrant' },
  // Not FOI-REPLY-LATE: its four business days are Connecticut's (CGS § 1-206(a)); the policy sets no period of
  // its own and New York's Freedom of Information Law was not confirmed here, so a late reply is no finding
  // (the reply date stays the director's reminder: docs/policy-decisions.md FOI4).
  findingRules: FINDING_RULE_IDS.filter((rule) => rule !== 'FOI-REPLY-LATE'),
  findingCitations: US_NY_FINDING_CITATIONS,
  breachNotice: {
    days: 30,
    citation: 'General Business Law § 899-aa(2)',
    words: 'in the most expedient time possible and without unreasonable delay, provided that such notification shall be made within thirty days after the breach has been discovered',
  },
  // The director's working date for the reply until counsel confirms the Freedom of Information Law's own
  // period: Connecticut's four business days and legal holidays (docs/policy-decisions.md FOI4).
  publicRecordsReply: { ...usCt.publicRecordsReply, citation: 'Confidentiality of Library Records' },
  citationAuthorities: CITATION_AUTHORITIES,
};

import type { JurisdictionPack } from '../jurisdiction.js';
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
  findingCitations: US_NY_FINDING_CITATIONS,
  breachNotice: {
    days: 30,
    citation: 'General Business Law § 899-aa(2)',
    words: 'in the most expedient time possible and without unreasonable delay, provided that such notification shall be made within thirty days after the breach has been discovered',
  },
  // The library's reading until counsel confirms the Freedom of Information Law's own period: Connecticut's
  // four business days and legal holidays (docs/policy-decisions.md).
  publicRecordsReply: { ...usCt.publicRecordsReply, citation: 'Confidentiality of Library Records' },
  citationAuthorities: CITATION_AUTHORITIES,
};

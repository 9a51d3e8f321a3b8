/**
 * New York's first reading of the library's policy (revised July 10, 2024), adapted as a template
 * (docs/policy/confidentiality-of-library-records.us-ny.md). It starts where the Connecticut pack's
 * third reading stands: every clock and door of that reading, under CPLR § 4509.
 */
export const POLICY_VERSION = 'us-ny/2024-07-10.1';

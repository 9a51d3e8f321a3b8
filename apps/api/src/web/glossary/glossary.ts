/** One word the ledger's pages use, and what it means to the people who read them. */
export interface GlossaryTerm {
  /** The anchor pages link to: `/glossary#<id>`. */
  readonly id: string;
  readonly term: string;
  readonly meaning: string;
}

/**
 * The words of the ledger's pages in plain language, for a director on their worst day and an auditor
 * without the rule book. Pages link a term to its entry (`/glossary#<id>`); a spec checks that every
 * such link names an entry here.
 */
export const GLOSSARY: readonly GlossaryTerm[] = [
  { id: 'access-log', term: 'Access log', meaning: 'The record of who looked at or downloaded what, and when. Every view of a case is in it; the auditor reads it.' },
  { id: 'case', term: 'Case', meaning: 'One request for library records (or one wellness check), from the moment staff record it until it is closed. Everything done on it is kept, in order, and nothing is ever changed afterwards.' },
  { id: 'checkpoint', term: 'Checkpoint', meaning: 'A short, signed statement of how many events the ledger holds and a fingerprint of all of them. Anyone holding an older checkpoint can prove that nothing since was changed or removed.' },
  { id: 'counsel', term: 'Counsel', meaning: 'The library’s lawyer. The Director refers every law-enforcement request to counsel before anything is released.' },
  { id: 'court-order', term: 'Court order', meaning: 'An order signed by a judge. Connecticut law lets the library release a patron’s records to law enforcement only with one (or with the patron’s written permission).' },
  { id: 'deadline', term: 'Deadline', meaning: 'A date the law or the policy sets: the return date of a subpoena, the last day to object, when a referral is due, when people affected by a breach must be told.' },
  { id: 'designee', term: 'Designee', meaning: 'A member of staff the Director appointed to act for them for a set time (a holiday, an illness), with the Director’s powers.' },
  { id: 'erasure', term: 'Erasure', meaning: 'At a patron’s request, the Director approves destroying the key that makes their name readable. The dates and counts remain, under a pseudonym; records under a legal hold are kept.' },
  { id: 'finding', term: 'Finding', meaning: 'Something the ledger noticed against the policy or the law, such as a late referral or a release without a court order. Findings cannot be deleted; they stay for the auditor.' },
  { id: 'info', term: 'For information', meaning: 'A finding that breaks nothing but should be reviewed, such as a wellness check staff made.' },
  { id: 'legal-hold', term: 'Legal hold', meaning: 'An instruction to keep records, whatever the retention schedule says, because of a lawsuit or legal process. Nothing held can be destroyed.' },
  {
    id: 'legal-instrument',
    term: 'Legal instrument',
    meaning: 'The paper served on the library to demand records: a subpoena, a search warrant, a court order, a national security letter or an agency’s administrative request. The ledger records who issued it, when it was served, what it demands and by when.',
  },
  { id: 'need-to-know', term: 'Need to know', meaning: 'Permission the Director gives one person to read a sealed case.' },
  { id: 'non-disclosure-order', term: 'Non-disclosure (gag) order', meaning: 'A court’s or an agency’s order that forbids telling anyone, the patron included, about the request. A case under one is sealed.' },
  { id: 'production', term: 'Production', meaning: 'Handing records over, after the Director decided to release them: what, to whom, how and for which period.' },
  { id: 'pseudonym', term: 'Pseudonym', meaning: 'A stand-in name for a patron (like P-7F3A), the same in every case of theirs, so the auditor can count and compare without knowing who it is.' },
  { id: 'released-in-part', term: 'Released in part', meaning: 'Some of what was asked for was released, lawfully, and the rest refused.' },
  { id: 'retention', term: 'Retention', meaning: 'How long each kind of record is kept before its patron details are destroyed, by the library’s schedule.' },
  { id: 'sealed', term: 'Sealed', meaning: 'A case under a non-disclosure order. Only the Director, active designees, the counsel it is referred to and those given need-to-know can read it; others see only that a sealed case exists.' },
  { id: 'search-warrant', term: 'Search warrant', meaning: 'A judge’s order allowing police to search and take records at once. Staff do not resist; they call the Director.' },
  { id: 'subpoena', term: 'Subpoena', meaning: 'A demand for records, usually signed by a lawyer or a clerk rather than a judge. In Connecticut a subpoena alone does not allow the library to release a patron’s records.' },
  { id: 'violation', term: 'Violation', meaning: 'A finding that something happened the policy or the law forbids.' },
  { id: 'warning', term: 'Warning', meaning: 'A finding that a step was taken late or out of order.' },
  { id: 'wellness-check', term: 'Wellness check', meaning: 'Staff call an agency themselves when they fear for someone’s safety, and tell it no more than a name, phone or address.' },
  { id: 'witness', term: 'Witness', meaning: 'Someone outside the ledger (the auditor, counsel, another library) who keeps its checkpoints, so that the ledger cannot show different histories to different people.' },
];

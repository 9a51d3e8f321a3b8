import type { PatronStanding } from '../patron/patron.state.js';
import type { JurisdictionPack } from '../policy/jurisdiction.js';
import type { Role } from '../vocabulary.js';
import type { VendorList } from '../vendor/vendor.state.js';

/** A user as the handler found them in the user streams. */
export interface KnownUser {
  readonly userId: string;
  readonly role: Role;
}

/**
 * What the handler loaded from other streams before asking the case decider. Each command needs at
 * most one part; the decider fails loudly (a programming error, not a 4xx) when that part is missing.
 * - OpenCase: `patron`, the standing of the patron named by the request's blind index (a patron with
 *   no stream stands as `initialPatronState`).
 * - ReferToCounsel: `counsel`, the user named by `counselUserId`, or `null` when there is none.
 *   A vendor's request also needs `vendors`, the library's approved list (none: nobody is approved).
 * - DecideRelease, RecordProduction: `patron`, for the written consents that open the statute's
 *   second door where no court order is on record.
 * - RecordRelease: `patron` (and, for a vendor's request, `vendors`): the release evaluates the
 *   request again against what has changed since it was opened (consents, a lost card, the vendor list).
 * - GrantNeedToKnow: `grantee`, the user named by `userId`, or `null` when there is none.
 * Every command: `jurisdiction`, the pack the ledger runs under (`LEDGER_JURISDICTION`): which
 * instruments open the statute's door, and the citation of every rule (default: `DEFAULT_JURISDICTION`).
 * EndNondisclosure, ChallengeNondisclosure, RecordPatronNotice: `maxBackdateDays`
 *   (`LEDGER_MAX_BACKDATE_DAYS`), how far before its recording a time the user supplies may lie; the
 *   case runner gives it to every command.
 */
export interface CaseDecisionContext {
  readonly jurisdiction?: JurisdictionPack;
  readonly patron?: PatronStanding;
  readonly vendors?: VendorList;
  readonly counsel?: KnownUser | null;
  readonly grantee?: KnownUser | null;
  readonly maxBackdateDays?: number;
  /** RecordRelease on a public-records request for statistics: the transparency reports published, which the answer may name. */
  readonly publishedTransparencyReports?: readonly string[];
  /** RecordRelease on a statistics request: the published reports a correction superseded, each with the report that corrects it; the answer may not name them. */
  readonly supersededTransparencyReports?: { readonly [reportId: string]: string };
  /** The library's time zone (IANA): an instrument records it, and its periods in days end at the library's midnight. */
  readonly timeZone?: string;
}

import { assertNever } from '../shared/decider.js';
import { isStatisticsRequest } from './public-records-reply.js';
import { acceptedIdentification } from './accepted-identification.js';
import {
  CATEGORIES,
  FAMILY_NEVER_CATEGORIES,
  GUARDIAN_ACCOUNT_CATEGORIES,
  NEWSLETTER_CATEGORIES,
  PERSONAL_INFO_CATEGORIES,
  PHONE_BORROWING_CATEGORIES,
  VENDOR_CATEGORIES,
  type Category,
  type Channel,
  type IdentificationKind,
  type RequesterKind,
  type Route,
} from '../vocabulary.js';
import { intersect, union, without } from '../support/category-sets.js';
import { consentsNaming, type PatronStanding } from '../patron/patron.state.js';
import { approvedVendorFor, initialVendorList, isNewsletterService, type VendorList } from '../vendor/vendor.state.js';
import type { JurisdictionPack } from './jurisdiction.js';
import { DEFAULT_JURISDICTION } from './jurisdictions.js';
import { ruleOf } from './rules.js';
import type { FiredRule, RuleId } from './rule-text.js';

export interface Identification {
  readonly kind: IdentificationKind;
  readonly detail?: string;
}

/** What evaluation looks at in a new disclosure request. */
export interface DisclosureRequestFacts {
  /** `agency`: the government body the requester acts for, if any (GOVERNMENT-REFER). */
  readonly requester: { readonly kind: RequesterKind; readonly name: string; readonly agency?: string };
  readonly channel: Channel;
  readonly requestedCategories: readonly Category[];
  readonly identification: readonly Identification[];
  readonly purpose?: string;
  /** `undefined` = not known to be a minor, which protects an adult's record from a "guardian". */
  readonly patronIsMinor?: boolean;
  /** Consents are judged at this instant (ISO). */
  readonly occurredAt: string;
}

export interface RequestEvaluation {
  readonly route: Route;
  /** The requested categories staff may release; always a subset of the request, in vocabulary order. */
  readonly permittedCategories: readonly Category[];
  readonly rules: readonly FiredRule[];
  /**
   * Active written consents naming the requester that were relied on (or, on a law-enforcement
   * request, that exist for the director and for findings to see).
   */
  readonly consentIds: readonly string[];
  /** The approved vendor the request came from (VENDOR-AUTH). */
  readonly vendorId?: string;
}

/** "Mail and email never verify": nothing offered by letter or email proves who is asking. */
const UNVERIFIABLE_CHANNELS: readonly Channel[] = ['mail', 'email'];
const CARD_IDENTIFICATIONS: readonly IdentificationKind[] = ['library_card', 'card_barcode'];
const KINDS_IDENTIFIED_BY_CARD: readonly RequesterKind[] = ['patron', 'family_or_friend', 'parent_or_guardian'];

/** A requester of the kind `government_agency`, or of any other kind but naming an `agency` (GOVERNMENT-REFER). */
export function isGovernmentRequester(requester: DisclosureRequestFacts['requester']): boolean {
  return requester.kind === 'government_agency' || (requester.kind !== 'law_enforcement' && requester.agency !== undefined && requester.agency.trim() !== '');
}

/**
 * Evaluates a new request against the rule pack (API.md "Policy rules"). Pure: the patron's standing
 * (card lost? consents?) comes from the patron's stream through the caller. The library's policy
 * decides the route; `jurisdiction` cites the rules that fired.
 */
export function evaluateRequest(
  request: DisclosureRequestFacts,
  patron: PatronStanding,
  vendors: VendorList = initialVendorList,
  jurisdiction: JurisdictionPack = DEFAULT_JURISDICTION,
): RequestEvaluation {
  const fired: RuleId[] = [];
  const fire = (id: RuleId) => {
    if (!fired.includes(id)) fired.push(id);
  };
  const { requester, channel, requestedCategories } = request;
  const offered = new Set(request.identification.map((identification) => identification.kind));

  const accepted = new Set<IdentificationKind>(UNVERIFIABLE_CHANNELS.includes(channel) ? [] : offered);
  const offersCard = CARD_IDENTIFICATIONS.some((kind) => offered.has(kind));
  if (patron.cardReportedLost && offersCard && KINDS_IDENTIFIED_BY_CARD.includes(requester.kind)) {
    fire('CARD-LOST');
    for (const kind of CARD_IDENTIFICATIONS) accepted.delete(kind);
  }
  const has = (...kinds: readonly IdentificationKind[]) => kinds.some((kind) => accepted.has(kind));
  // Identified as the policy says for this requester on this channel (the table the desk reads too).
  const identified = has(...acceptedIdentification(requester.kind, channel));

  let basis: Category[] = [];
  let vendorId: string | undefined;
  const grant = (id: RuleId, categories: readonly Category[]) => {
    fire(id);
    basis = union(basis, categories);
  };

  switch (requester.kind) {
    case 'patron':
      if (!identified) fire('ID-REQUIRED');
      else if (channel === 'in_person') {
        if (has('photo_id')) grant('PATRON-SELF-IN-PERSON', CATEGORIES);
        else {
          grant('PATRON-SELF-IN-PERSON', without(CATEGORIES, PERSONAL_INFO_CATEGORIES));
          if (intersect(requestedCategories, PERSONAL_INFO_CATEGORIES).length > 0) fire('PATRON-PERSONAL-INFO-PHOTO-ID');
        }
      } else if (channel === 'online') grant('PATRON-SELF-ONLINE', CATEGORIES);
      else grant('PATRON-SELF-PHONE', PHONE_BORROWING_CATEGORIES);
      break;
    case 'family_or_friend':
      if (!identified) fire('ID-REQUIRED');
      else if (request.purpose !== undefined && request.purpose.trim() !== '') grant('FAMILY-CARD', PHONE_BORROWING_CATEGORIES);
      else fire('FAMILY-PURPOSE-REQUIRED');
      break;
    case 'debt_payer':
      grant('DEBT-PAYER', ['amount_owed']);
      break;
    case 'parent_or_guardian':
      if (request.patronIsMinor !== true) fire('MINOR-ONLY');
      else if (identified) grant('MINOR-GUARDIAN', channel === 'phone' ? PHONE_BORROWING_CATEGORIES : GUARDIAN_ACCOUNT_CATEGORIES);
      else fire('ID-REQUIRED');
      break;
    case 'law_enforcement':
      fire('LE-REFER');
      break;
    case 'vendor': {
      const credentials = request.identification.find((identification) => identification.kind === 'vendor_credentials');
      const vendor =
        channel === 'online' && has('vendor_credentials')
          ? approvedVendorFor(vendors, requester.name, credentials?.detail, request.occurredAt)
          : undefined;
      if (vendor === undefined) fire('VENDOR-NOT-APPROVED');
      else {
        vendorId = vendor.vendorId;
        grant('VENDOR-AUTH', isNewsletterService(vendor) ? union(VENDOR_CATEGORIES, NEWSLETTER_CATEGORIES) : VENDOR_CATEGORIES);
      }
      break;
    }
    case 'public_records':
      // The library's own statistics identify no user and are the director's to answer from a transparency
      // report (the pack's public-records clock runs); patron records asked for under FOIA stay exempt.
      if (isStatisticsRequest({ requesterKind: requester.kind, requestedCategories })) {
        return { route: 'refer_to_director', permittedCategories: ['statistics'], rules: [], consentIds: [] };
      }
      fire('FOIA-EXEMPT');
      break;
    case 'other':
    case 'government_agency':
      break;
    default:
      assertNever(requester.kind, 'requester kind');
  }

  // "Any officer, agent, or agency of state, federal, or local government": whoever acts for an agency
  // goes to the Director as law enforcement does, whatever the patron's consent says.
  const government = requester.kind === 'law_enforcement' || isGovernmentRequester(requester);
  if (requester.kind !== 'law_enforcement' && government) fire('GOVERNMENT-REFER');
  const namedConsents = consentsNaming(patron, requester.name, request.occurredAt);
  let consentIds: string[] = [];
  if (government) {
    consentIds = namedConsents.map((consent) => consent.consentId);
  } else if (namedConsents.length > 0) {
    if (has('photo_id')) {
      grant('WRITTEN-CONSENT', union(...namedConsents.map((consent) => consent.categories)));
      consentIds = namedConsents.map((consent) => consent.consentId);
    } else fire('CONSENT-GRANTEE-ID');
  }
  if (requester.kind === 'other' && !government && !fired.includes('WRITTEN-CONSENT')) fire('OTHER-NO-BASIS');

  if (requester.kind === 'family_or_friend') {
    if (intersect(requestedCategories, FAMILY_NEVER_CATEGORIES).length > 0) fire('FAMILY-NO-CONTACT');
    basis = without(basis, FAMILY_NEVER_CATEGORIES);
  }

  const permittedCategories = government ? [] : intersect(requestedCategories, basis);
  let route: Route;
  if (government) route = 'refer_to_director';
  else if (permittedCategories.length > 0) route = 'staff_may_release';
  else {
    route = 'deny';
    if (basis.length > 0) fire('REQUEST-OUTSIDE-BASIS');
  }
  return { route, permittedCategories, rules: fired.map((id) => ruleOf(id, jurisdiction)), consentIds, ...(vendorId !== undefined && { vendorId }) };
}

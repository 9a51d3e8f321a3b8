import type { InstrumentType } from '../vocabulary.js';
import type { BreachDataElement } from '../incident/breach-data-elements.js';
import type { RuleTable } from './rule-text.js';

/** What every event's metadata says of the pack it was decided under. */
export interface PolicyStamp {
  readonly policyVersion: string;
  readonly jurisdiction: JurisdictionId;
}

/** The jurisdictions the ledger ships a pack for (`LEDGER_JURISDICTION`). */
export const JURISDICTION_IDS = ['us-ct', 'us-ny'] as const;
export type JurisdictionId = (typeof JURISDICTION_IDS)[number];

/** The findings auditors and the director are shown (API.md "Findings"); every pack cites each one. */
export const FINDING_RULE_IDS = [
  'LE-REFERRAL-LATE',
  'LE-RELEASE-WITHOUT-COURT-ORDER',
  'COUNSEL-REFERRAL-LATE',
  'WARRANT-STAFF-RECORDED',
  'WARRANT-NO-COUNSEL-REVIEW',
  'DEADLINE-MISSED',
  'SUBPOENA-UNANSWERED',
  'OBJECTION-LATE',
  'RETURN-DATE-BEFORE-RECEIPT',
  'WELLNESS-DISCLOSURE',
  'FAMILY-CARD-BASIS',
  'BREACH-NOTICE-LATE',
  'PATRON-NOTICE-DUE',
  'AG-NOTICE-LATE',
  'RETENTION-COUNSEL-APPROVAL',
  'FOI-REPLY-LATE',
] as const;
export type FindingRuleId = (typeof FINDING_RULE_IDS)[number];

/**
 * The statute's door for law enforcement: which instruments on a case open it on their own, for what
 * their scope covers. Any other category released needs the patron's own door (their written consent
 * naming the requester), in every jurisdiction the ledger knows.
 */
export interface ReleaseDoors {
  readonly instruments: readonly InstrumentType[];
  /** The instruments in words, for refusals ("a court order or search warrant"). */
  readonly named: string;
}

/** A period the law sets, with the words that set it. */
export interface StatutoryPeriod {
  readonly days: number;
  readonly citation: string;
  readonly words: string;
}

/**
 * One jurisdiction's reading of the library's policy: the law it answers to, cited. Deciders and
 * findings are given a pack; nothing outside `policy/<id>/` names a statute.
 */
export interface JurisdictionPack {
  readonly id: JurisdictionId;
  readonly name: string;
  /** Stamped into every event's metadata: the reading each event was decided under. */
  readonly policyVersion: string;
  /** The policy text this pack cites, in the repository. */
  readonly policyText: string;
  readonly rules: RuleTable;
  readonly releaseDoors: ReleaseDoors;
  /**
   * The pack's finding rule table: the rules that apply to what was decided under it. A rule it does not
   * list yields no finding for an event (or a case, for the time-based rules) decided under this pack.
   */
  readonly findingRules: readonly FindingRuleId[];
  readonly findingCitations: { readonly [id in FindingRuleId]: string };
  /** The longest the library may take to notify each patron affected by a breach. */
  readonly breachNotice: StatutoryPeriod & {
    /**
     * Whether the data exposed are the statute's own (its "personal information"): then the statute
     * requires the notices, else the policy alone. Absent: the pack does not read data elements yet,
     * and its breach findings cite the statute and the policy together, as before.
     */
    readonly reaches?: (elements: readonly BreachDataElement[]) => boolean;
    /** Whether the statute also wants the Attorney General notified, no later than the residents. */
    readonly attorneyGeneral?: boolean;
  };
  /**
   * How long the library has to answer a public-records request for its own statistics, in business
   * days after the day it arrived, and the days that are not business days besides weekends.
   */
  readonly publicRecordsReply: {
    readonly businessDays: number;
    readonly citation: string;
    readonly words: string;
    /** The legal holidays of a year, `YYYY-MM-DD`. */
    readonly holidays: (year: number) => readonly string[];
  };
  /** Citation parts that name an authority (a statute, an order) rather than a section of the policy text. */
  readonly citationAuthorities: RegExp;
}

/** The metadata every event decided under `pack` carries. */
export function policyStampOf(pack: JurisdictionPack): PolicyStamp {
  return { policyVersion: pack.policyVersion, jurisdiction: pack.id };
}

import type { DomainEvent } from '../shared/decider.js';
import type {
  AttachmentKind,
  AttachmentMediaType,
  Category,
  Channel,
  CounselAdvice,
  InstrumentType,
  Jurisdiction,
  MeasuredAct,
  NondisclosureEnding,
  Outcome,
  PatronNoticeMethod,
  ReleaseDecision,
  ReleaseMethod,
  RequesterKind,
  SubjectKind,
} from '../vocabulary.js';
import type { Identification, RequestEvaluation } from '../policy/evaluate-request.js';
import { eventTypesOf } from '../shared/event-types.js';

/**
 * Events of the `case-<caseId>` stream. Every event names its case, when it happened (`occurredAt`,
 * as the command said) and who did it (`by`, a userId); the pipeline adds policy version, actor and
 * recordedAt to the metadata. A case is closed by exactly one `CaseClosed` event, appended in the
 * same decision as the event that closed it, so views read outcome and closedAt from one place.
 */
export interface CaseEventBase {
  readonly caseId: string;
  readonly occurredAt: string;
  readonly by: string;
}

export interface Requester {
  readonly kind: RequesterKind;
  readonly name: string;
  readonly agency?: string;
  readonly badgeNumber?: string;
}

/** The patron as stored in a case: protected by the ledger before it reaches the domain. */
export interface ProtectedPatron {
  readonly blindIndex: string;
  readonly pseudonym: string;
  readonly encryptedRef: string;
  readonly isMinor: boolean;
}

/**
 * What names a patron who asks about their own records besides their reference: their name as
 * requester and the details of their identification, as ciphertexts under the case's data key (made
 * by the ledger, like `encryptedRef`), so that shredding the case key takes them too. Events that
 * carry it hold `PROTECTED_REQUESTER_NAME` in `requester.name` and no identification `detail`.
 */
export interface ProtectedPatronWords {
  readonly requesterName: string;
  /** One per identification, in order: its detail's ciphertext, or null when none was given. */
  readonly identificationDetails: readonly (string | null)[];
}

/** `requester.name` of a patron's own request whose name is kept in `protectedWords`. */
export const PROTECTED_REQUESTER_NAME = '[protected]';

/** What a request is about when it names no patron: "public computer 4", 15:00–16:00 (third reading). */
export interface RequestSubject {
  readonly kind: SubjectKind;
  readonly description: string;
  /** The period it asks about (ISO), when it says. */
  readonly from?: string;
  readonly to?: string;
}

export interface InstrumentScope {
  readonly categories: readonly Category[];
  /** The period of records the instrument covers (ISO), when it says. */
  readonly from?: string;
  readonly to?: string;
}

export type DisclosureRequested = DomainEvent<
  'DisclosureRequested',
  CaseEventBase & {
    readonly requester: Requester;
    readonly channel: Channel;
    /** Every request before the third reading names one; a request about a resource or a transaction names none, and `subject` instead. */
    readonly patron?: ProtectedPatron;
    readonly subject?: RequestSubject;
    readonly requestedCategories: readonly Category[];
    readonly identification: readonly Identification[];
    readonly purpose?: string;
    /** A patron asking about their own records: their name and identification details, encrypted (absent in earlier events, which hold them in clear). */
    readonly protectedWords?: ProtectedPatronWords;
    readonly evaluation: RequestEvaluation;
    /** = occurredAt: when the library received the request. */
    readonly receivedAt: string;
    readonly openedBy: string;
    /**
     * A public-records request for statistics: the library's time zone (IANA) when it was received; the
     * reply's business days are its calendar days there (FOI5). Absent: UTC days, as before (FOI3).
     */
    readonly timeZone?: string;
  }
>;

export type ReferredToDirector = DomainEvent<'ReferredToDirector', CaseEventBase & { readonly note?: string }>;

/** Staff released records across the desk (never on a law-enforcement case). */
export type RecordsReleased = DomainEvent<
  'RecordsReleased',
  CaseEventBase & {
    readonly categories: readonly Category[];
    readonly recipient?: string;
    readonly method: ReleaseMethod;
    /** The answer to a public-records request for the library's statistics: the published transparency report it gave. */
    readonly transparencyReportId?: string;
  }
>;

export type RequestRefused = DomainEvent<'RequestRefused', CaseEventBase & { readonly reason: string }>;

/** Step 3: no instrument, so the director explained the policy and the law. Closes `refused_no_instrument`. */
export type PolicyExplained = DomainEvent<'PolicyExplained', CaseEventBase & { readonly note?: string }>;

/** A non-disclosure order seals the case: the case is sealed from this event on. */
export type LegalInstrumentRecorded = DomainEvent<
  'LegalInstrumentRecorded',
  CaseEventBase & {
    readonly instrumentId: string;
    readonly type: InstrumentType;
    readonly issuedBy: string;
    readonly court?: string;
    readonly docketNumber?: string;
    readonly servedAt: string;
    readonly servedOn?: string;
    readonly returnDate?: string;
    readonly scope: InstrumentScope;
    readonly nondisclosureOrder: boolean;
    readonly documentSha256?: string;
    /** Whose law governs it (absent: not said, as in every event before the third reading). */
    readonly jurisdiction?: Jurisdiction;
    /** The library's time zone (IANA) when it was recorded: its periods in days end at midnight there (absent: 24-hour days, as before). */
    readonly timeZone?: string;
    /** Recorded by staff without the Director's powers (a search warrant served while no director or designee was there). */
    readonly staffRecorded?: true;
  }
>;

export type ReferredToCounsel = DomainEvent<
  'ReferredToCounsel',
  CaseEventBase & { readonly counselUserId: string; readonly note?: string }
>;

/**
 * The policy's own fact that someone must be told by e-mail, recorded in the same append as its cause:
 * the director (and active designees) at once of a law-enforcement request referred to them, counsel of
 * a case referred to them. It names who (by audience) and what (by kind), never a patron, a category or
 * an instrument; the mail outbox turns it into one `MailQueued` per recipient (docs/mail.md).
 */
export type NotificationQueued = DomainEvent<
  'NotificationQueued',
  CaseEventBase & {
    readonly kind: 'law_enforcement_referral' | 'counsel_referral';
    readonly audience: 'director_and_designees' | 'counsel';
    /** `audience: counsel`: the counsel the case was referred to. */
    readonly counselUserId?: string;
  }
>;

export type CounselAdviceRecorded = DomainEvent<
  'CounselAdviceRecorded',
  CaseEventBase & {
    readonly counselUserId: string;
    readonly advice: CounselAdvice;
    /** The scope as counsel wrote it, if any. */
    readonly scope?: { readonly categories: readonly Category[] };
    readonly notes?: string;
    /** `object` / `move_to_quash`: when the objection or the motion to quash was filed. */
    readonly filedAt?: string;
    /** Counsel found that the library provides an electronic communication service (18 U.S.C. § 2510(15)), so § 2709(f) reaches it. */
    readonly providesCommunicationService?: true;
    /**
     * What this advice lets the director release: the instruments' scope (as recorded when the
     * advice was given) ∩ counsel's scope; empty for object, move_to_quash and decline.
     */
    readonly permitsCategories: readonly Category[];
  }
>;

export type ReleaseDecided = DomainEvent<
  'ReleaseDecided',
  CaseEventBase & {
    readonly decision: ReleaseDecision;
    /** Empty on `deny`. */
    readonly categories: readonly Category[];
    readonly rationale: string;
    readonly decidedBy: string;
  }
>;

/** The director (or a designee) handed records over under a release decision. */
export type RecordsProduced = DomainEvent<
  'RecordsProduced',
  CaseEventBase & {
    readonly categories: readonly Category[];
    readonly recipient: string;
    readonly method: ReleaseMethod;
    readonly inventory?: string;
    /** The instruments on record when the records were produced (for findings on their types). */
    readonly instrumentIds: readonly string[];
    readonly instrumentTypes: readonly InstrumentType[];
    /** The period of the records produced, when an instrument bounds its scope by date. */
    readonly recordsFrom?: string;
    readonly recordsTo?: string;
    /** The patron's written consents relied on where no instrument that opens the statute's door is on record (the user's own door). */
    readonly consentIds?: readonly string[];
    /** On a case about a resource or a transaction: the pseudonyms of the attached patrons whose records went out. */
    readonly patronPseudonyms?: readonly string[];
  }
>;

/** A search warrant executed on the spot: records were taken, whatever counsel later advises. */
export type WarrantExecuted = DomainEvent<
  'WarrantExecuted',
  CaseEventBase & {
    readonly instrumentId: string;
    readonly categories: readonly Category[];
    readonly officers?: string;
    readonly inventory: string;
    readonly counselPresent: boolean;
    /** Executed with staff only, no director or designee present: the Director reviews it. */
    readonly staffRecorded?: true;
  }
>;

export type NeedToKnowGranted = DomainEvent<'NeedToKnowGranted', CaseEventBase & { readonly userId: string }>;

/**
 * The Director confirmed that an act happened at `confirmedAt`, the time it was dated, though it was
 * recorded later: findings measure it from `confirmedAt` again (third reading).
 */
export type EarlierTimeConfirmed = DomainEvent<
  'EarlierTimeConfirmed',
  CaseEventBase & { readonly act: MeasuredAct; readonly confirmedAt: string; readonly note?: string }
>;

/** An instrument's non-disclosure order ended (`endedAt`, as the user said, bounded); the case is unsealed once none remains. */
export type NondisclosureEnded = DomainEvent<
  'NondisclosureEnded',
  CaseEventBase & { readonly instrumentId: string; readonly endedAt: string; readonly how: NondisclosureEnding; readonly note?: string }
>;

/** Counsel filed a challenge to an instrument's non-disclosure order. */
export type NondisclosureChallenged = DomainEvent<
  'NondisclosureChallenged',
  CaseEventBase & { readonly instrumentId: string; readonly filedAt: string; readonly court: string; readonly note?: string }
>;

/** The Director attached the patrons a request about a resource or a transaction turned out to concern, each protected as any patron reference. */
export type PatronsAttached = DomainEvent<'PatronsAttached', CaseEventBase & { readonly patrons: readonly ProtectedPatron[] }>;

/** The Director told the patron of the request (no non-disclosure order in force): ends PATRON-NOTICE-DUE. */
export type PatronNotified = DomainEvent<'PatronNotified', CaseEventBase & { readonly method: PatronNoticeMethod; readonly notifiedAt: string }>;

/** Staff asked law enforcement for a welfare check on a patron; opens a wellness case. */
export type WellnessCheckRequested = DomainEvent<
  'WellnessCheckRequested',
  CaseEventBase & {
    readonly patron: ProtectedPatron;
    /** Always true since policy version 2024-07-10.2; absent in wellness checks recorded before. */
    readonly immediateThreat?: true;
    /** What staff saw or heard (absent before policy version 2024-07-10.2). */
    readonly observed?: string;
    readonly concern: string;
    readonly agency: string;
    readonly officer?: string;
    readonly requestedCategories: readonly Category[];
    readonly receivedAt: string;
    readonly openedBy: string;
  }
>;

export type WellnessDisclosureMade = DomainEvent<
  'WellnessDisclosureMade',
  CaseEventBase & {
    readonly categories: readonly Category[];
    readonly agency: string;
    readonly officer?: string;
  }
>;

/** A free-text note on the case: who wrote it (`by`) and when (`occurredAt`). */
export type CaseNoteAdded = DomainEvent<'CaseNoteAdded', CaseEventBase & { readonly noteId: string; readonly text: string }>;

/**
 * A scanned document attached to the case. Its bytes are kept outside the events, encrypted under the
 * case's key (shredded with the case's identity); the event commits to them by the SHA-256 of the plaintext.
 */
export type AttachmentAdded = DomainEvent<'AttachmentAdded', CaseEventBase & AttachmentFacts>;

/** What names an attached document: the command says it, the event records it. */
export interface AttachmentFacts {
  /** Made by the server; names the encrypted bytes in the attachment store. */
  readonly attachmentId: string;
  readonly kind: AttachmentKind;
  /** The instrument on this case the scan is of (`kind: instrument`). */
  readonly instrumentId?: string;
  readonly filename: string;
  readonly mediaType: AttachmentMediaType;
  /** Bytes of the plaintext. */
  readonly size: number;
  /** SHA-256 of the plaintext, hex. */
  readonly sha256: string;
}

export type CaseClosed = DomainEvent<
  'CaseClosed',
  CaseEventBase & {
    readonly outcome: Outcome;
    /** Everything that left the library on this case: released, produced, seized under a warrant. */
    readonly releasedCategories: readonly Category[];
  }
>;

export type CaseEvent =
  | DisclosureRequested
  | ReferredToDirector
  | RecordsReleased
  | RequestRefused
  | PolicyExplained
  | LegalInstrumentRecorded
  | ReferredToCounsel
  | NotificationQueued
  | CounselAdviceRecorded
  | ReleaseDecided
  | RecordsProduced
  | WarrantExecuted
  | NeedToKnowGranted
  | EarlierTimeConfirmed
  | NondisclosureEnded
  | NondisclosureChallenged
  | PatronNotified
  | PatronsAttached
  | WellnessCheckRequested
  | WellnessDisclosureMade
  | CaseNoteAdded
  | AttachmentAdded
  | CaseClosed;

export type CaseEventType = CaseEvent['type'];

/** Every case event type; the set is typed over the union, so a type left out fails to compile. */
export const CASE_EVENT_TYPES = eventTypesOf<CaseEvent>({
  DisclosureRequested: true,
  ReferredToDirector: true,
  RecordsReleased: true,
  RequestRefused: true,
  PolicyExplained: true,
  LegalInstrumentRecorded: true,
  ReferredToCounsel: true,
  NotificationQueued: true,
  CounselAdviceRecorded: true,
  ReleaseDecided: true,
  RecordsProduced: true,
  WarrantExecuted: true,
  NeedToKnowGranted: true,
  EarlierTimeConfirmed: true,
  NondisclosureEnded: true,
  NondisclosureChallenged: true,
  PatronNotified: true,
  PatronsAttached: true,
  WellnessCheckRequested: true,
  WellnessDisclosureMade: true,
  CaseNoteAdded: true,
  AttachmentAdded: true,
  CaseClosed: true,
});

export function isCaseEvent(event: { type: string }): event is CaseEvent {
  return (CASE_EVENT_TYPES as readonly string[]).includes(event.type);
}

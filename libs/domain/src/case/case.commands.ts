import type { Actor } from '../policy/actor.js';
import { ATTACHMENT_KINDS, ATTACHMENT_MEDIA_TYPES, COUNSEL_ADVICE, MEASURED_ACTS, NONDISCLOSURE_ENDINGS, PATRON_NOTICE_METHODS, RELEASE_DECISIONS, RELEASE_METHODS } from '../vocabulary.js';
import { type CommandField, commandField } from './case-command.fields.js';
import type { Identification } from '../policy/evaluate-request.js';
import type {
  Category,
  Channel,
  CounselAdvice,
  InstrumentType,
  Jurisdiction,
  MeasuredAct,
  NondisclosureEnding,
  PatronNoticeMethod,
  ReleaseDecision,
  ReleaseMethod,
} from '../vocabulary.js';
import type { AttachmentFacts, InstrumentScope, ProtectedPatronWords, Requester, RequestSubject } from './case.events.js';

/** Every case command: the case, who acts, when it happened and when the server received it. */
export interface CaseCommandBase {
  readonly caseId: string;
  readonly actor: Actor;
  /** When it happened (ISO): rules use this. */
  readonly occurredAt: string;
  /** The server's now (ISO): `occurredAt` may not be after it. */
  readonly recordedAt: string;
}

/** The patron, already protected by the ledger: the domain never sees the clear reference. */
export interface ProtectedPatronInput {
  readonly blindIndex: string;
  readonly pseudonym: string;
  readonly encryptedRef: string;
  readonly isMinor?: boolean;
}

export interface OpenCase extends CaseCommandBase {
  readonly type: 'OpenCase';
  readonly requester: Requester;
  readonly channel: Channel;
  /** Exactly one of `patron` and `subject`: whose records, or which resource or transaction. */
  readonly patron?: ProtectedPatronInput;
  readonly subject?: RequestSubject;
  readonly requestedCategories: readonly Category[];
  readonly identification: readonly Identification[];
  readonly purpose?: string;
  /**
   * The requester's name and identification details encrypted by the ledger, when the requester is the
   * patron: the decision reads the clear words above, the event stores only these.
   */
  readonly protectedWords?: ProtectedPatronWords;
}

export interface RecordRelease extends CaseCommandBase {
  readonly type: 'RecordRelease';
  readonly categories: readonly Category[];
  readonly recipient?: string;
  readonly method: ReleaseMethod;
  /** Answering a public-records request for statistics: the published transparency report given. */
  readonly transparencyReportId?: string;
}

export interface RefuseRequest extends CaseCommandBase {
  readonly type: 'RefuseRequest';
  readonly reason: string;
}

export interface ReferToDirector extends CaseCommandBase {
  readonly type: 'ReferToDirector';
  readonly note?: string;
}

export interface RecordLegalInstrument extends CaseCommandBase {
  readonly type: 'RecordLegalInstrument';
  readonly instrumentId: string;
  readonly instrumentType: InstrumentType;
  readonly issuedBy: string;
  readonly court?: string;
  readonly docketNumber?: string;
  readonly servedAt: string;
  readonly servedOn?: string;
  readonly returnDate?: string;
  readonly scope: InstrumentScope;
  readonly nondisclosureOrder: boolean;
  readonly documentSha256?: string;
  /** Whose law governs it: its clocks and the rule a finding cites (FRCP 45 for a federal subpoena). */
  readonly jurisdiction?: Jurisdiction;
}

export interface ExplainPolicy extends CaseCommandBase {
  readonly type: 'ExplainPolicy';
  readonly note?: string;
}

export interface ReferToCounsel extends CaseCommandBase {
  readonly type: 'ReferToCounsel';
  readonly counselUserId: string;
  readonly note?: string;
}

export interface RecordCounselAdvice extends CaseCommandBase {
  readonly type: 'RecordCounselAdvice';
  readonly advice: CounselAdvice;
  readonly scope?: { readonly categories: readonly Category[] };
  readonly notes?: string;
  /** `object` / `move_to_quash`: when the objection or the motion was filed (ISO); it stops the return date's clock. */
  readonly filedAt?: string;
  /**
   * Counsel's finding that the library provides "the services defined in section 2510(15)" (an
   * electronic communication service), so that 18 U.S.C. § 2709(f) does not exclude it: a national
   * security letter is then handled as any other instrument that is not a court's.
   */
  readonly providesCommunicationService?: boolean;
}

export interface DecideRelease extends CaseCommandBase {
  readonly type: 'DecideRelease';
  readonly decision: ReleaseDecision;
  /** `release` without categories = everything counsel's advice permits; required for `release_in_part`. */
  readonly categories?: readonly Category[];
  readonly rationale: string;
}

export interface RecordProduction extends CaseCommandBase {
  readonly type: 'RecordProduction';
  readonly categories: readonly Category[];
  readonly recipient: string;
  readonly method: ReleaseMethod;
  readonly inventory?: string;
  /** The period of the records produced (ISO); required when an instrument on record bounds its scope by date. */
  readonly recordsFrom?: string;
  readonly recordsTo?: string;
  /** On a case about a resource or a transaction: the pseudonyms of the attached patrons whose records are handed over. */
  readonly patrons?: readonly string[];
}

export interface RecordWarrantExecution extends CaseCommandBase {
  readonly type: 'RecordWarrantExecution';
  /** Which search warrant; by default the most recent one on record whose scope covers the categories. */
  readonly instrumentId?: string;
  readonly categories: readonly Category[];
  readonly officers?: string;
  readonly inventory: string;
  readonly counselPresent: boolean;
}

/** The Director confirms that the case's current `act` happened when it was dated, earlier than it was recorded. */
export interface ConfirmEarlierTime extends CaseCommandBase {
  readonly type: 'ConfirmEarlierTime';
  readonly act: MeasuredAct;
  readonly note?: string;
}

export interface GrantNeedToKnow extends CaseCommandBase {
  readonly type: 'GrantNeedToKnow';
  readonly userId: string;
}

/** A non-disclosure order on an instrument ended; once no order remains in force the case is no longer sealed. */
export interface EndNondisclosure extends CaseCommandBase {
  readonly type: 'EndNondisclosure';
  readonly instrumentId: string;
  /** When the order ended (ISO), bounded as every time a user supplies. */
  readonly endedAt: string;
  readonly how: NondisclosureEnding;
  readonly note?: string;
}

/** Counsel challenged an instrument's non-disclosure order in court (e.g. under 18 U.S.C. § 3511(b)). */
export interface ChallengeNondisclosure extends CaseCommandBase {
  readonly type: 'ChallengeNondisclosure';
  readonly instrumentId: string;
  readonly filedAt: string;
  readonly court: string;
  readonly note?: string;
}

/** The patrons a request about a resource or a transaction turned out to concern, protected by the ledger before the domain sees them. */
export interface AttachPatrons extends CaseCommandBase {
  readonly type: 'AttachPatrons';
  readonly patrons: readonly ProtectedPatronInput[];
}

/** The Director told the patron of the request once no non-disclosure order forbade it. */
export interface RecordPatronNotice extends CaseCommandBase {
  readonly type: 'RecordPatronNotice';
  readonly method: PatronNoticeMethod;
  readonly notifiedAt: string;
}

/** A free-text note on the case by someone who may act on it; sealed with the case. */
export interface AddCaseNote extends CaseCommandBase {
  readonly type: 'AddCaseNote';
  /** Made by the server. */
  readonly noteId: string;
  readonly text: string;
}

/**
 * A scanned document attached to the case: the instrument served, or the patron's written consent. The
 * ledger has already stored its bytes encrypted under the case's key; the domain sees only what names them.
 */
export interface AddAttachment extends CaseCommandBase, AttachmentFacts {
  readonly type: 'AddAttachment';
}

/** Opens and closes a wellness case in one decision. */
export interface RecordWellnessCheck extends CaseCommandBase {
  readonly type: 'RecordWellnessCheck';
  readonly patron: ProtectedPatronInput;
  /** Staff have reason to suspect an immediate threat to the patron's welfare: the only basis for a wellness check. */
  readonly immediateThreat?: boolean;
  /** What staff saw or heard (1–4,000 characters). */
  readonly observed?: string;
  readonly concern: string;
  readonly agency: string;
  readonly officer?: string;
  readonly categories: readonly Category[];
}

export type CaseCommand =
  | OpenCase
  | RecordRelease
  | RefuseRequest
  | ReferToDirector
  | RecordLegalInstrument
  | ExplainPolicy
  | ReferToCounsel
  | RecordCounselAdvice
  | DecideRelease
  | RecordProduction
  | RecordWarrantExecution
  | GrantNeedToKnow
  | ConfirmEarlierTime
  | EndNondisclosure
  | ChallengeNondisclosure
  | RecordPatronNotice
  | AttachPatrons
  | AddCaseNote
  | AddAttachment
  | RecordWellnessCheck;

export type CaseCommandType = CaseCommand['type'];

/** Every case command's type, at run time: the HTTP table of commands is checked against it. */
export const CASE_COMMAND_TYPES = [
  'OpenCase',
  'RecordRelease',
  'RefuseRequest',
  'ReferToDirector',
  'RecordLegalInstrument',
  'ExplainPolicy',
  'ReferToCounsel',
  'RecordCounselAdvice',
  'DecideRelease',
  'RecordProduction',
  'RecordWarrantExecution',
  'GrantNeedToKnow',
  'ConfirmEarlierTime',
  'EndNondisclosure',
  'ChallengeNondisclosure',
  'RecordPatronNotice',
  'AttachPatrons',
  'AddCaseNote',
  'AddAttachment',
  'RecordWellnessCheck',
] as const satisfies readonly CaseCommandType[];

// A command added to the union but not to the list fails to compile here.
const everyCaseCommandListed: [Exclude<CaseCommandType, (typeof CASE_COMMAND_TYPES)[number]>] extends [never] ? true : never = true;
void everyCaseCommandListed;

/**
 * The fields of the case commands whose shape is flat, declared once: the deciders' parsers check them
 * (`parseDeclaredFields`) and the HTTP request DTOs are made from them (`DeclaredField`). Opening a case,
 * instruments and wellness checks, whose fields nest, keep parsers of their own.
 */
export const CASE_COMMAND_FIELDS = {
  RecordRelease: {
    categories: commandField.categories(),
    recipient: commandField.optional(commandField.line()),
    method: commandField.oneOf(RELEASE_METHODS),
    transparencyReportId: commandField.optional(commandField.line()),
  },
  RefuseRequest: { reason: commandField.text() },
  ReferToDirector: { note: commandField.optional(commandField.text()) },
  ExplainPolicy: { note: commandField.optional(commandField.text()) },
  ReferToCounsel: { counselUserId: commandField.line(), note: commandField.optional(commandField.text()) },
  RecordCounselAdvice: {
    advice: commandField.oneOf(COUNSEL_ADVICE),
    notes: commandField.optional(commandField.text()),
    filedAt: commandField.optional(commandField.instant()),
    providesCommunicationService: commandField.optional(commandField.boolean()),
  },
  DecideRelease: { decision: commandField.oneOf(RELEASE_DECISIONS), categories: commandField.optional(commandField.categories()), rationale: commandField.text() },
  RecordProduction: {
    categories: commandField.categories(),
    recipient: commandField.line(),
    method: commandField.oneOf(RELEASE_METHODS),
    inventory: commandField.optional(commandField.text()),
    recordsFrom: commandField.optional(commandField.instant()),
    recordsTo: commandField.optional(commandField.instant()),
  },
  RecordWarrantExecution: { instrumentId: commandField.optional(commandField.line()), categories: commandField.categories(), officers: commandField.optional(commandField.text()), inventory: commandField.text(), counselPresent: commandField.boolean() },
  GrantNeedToKnow: { userId: commandField.line() },
  ConfirmEarlierTime: { act: commandField.oneOf(MEASURED_ACTS), note: commandField.optional(commandField.text()) },
  EndNondisclosure: {
    instrumentId: commandField.line(),
    endedAt: commandField.instant(),
    how: commandField.oneOf(NONDISCLOSURE_ENDINGS),
    note: commandField.optional(commandField.text()),
  },
  ChallengeNondisclosure: {
    instrumentId: commandField.line(),
    filedAt: commandField.instant(),
    court: commandField.line(),
    note: commandField.optional(commandField.text()),
  },
  RecordPatronNotice: { method: commandField.oneOf(PATRON_NOTICE_METHODS), notifiedAt: commandField.instant() },
  AddCaseNote: { text: commandField.text() },
  AddAttachment: {
    kind: commandField.oneOf(ATTACHMENT_KINDS),
    instrumentId: commandField.optional(commandField.line()),
    filename: commandField.line(),
    mediaType: commandField.oneOf(ATTACHMENT_MEDIA_TYPES),
  },
} as const satisfies { readonly [T in CaseCommandType]?: { readonly [K in keyof Extract<CaseCommand, { type: T }>]?: CommandField } };

import type { CaseDeadline, CaseEvent, CaseEventType, FindingRule, FiredRule, Identification, Requester, RequestSubject } from '@ledger/domain';
import { CASE_EVENT_LABELS, caseDeadlinesOf, caseStateFrom, caseTimelineEntry, instrumentAsRecorded, isCaseEvent, requestWords } from '@ledger/domain';
import type { RecordedEvent } from '@ledger/ledger';
import { decodeRecorded, unsealMetadata } from '@ledger/ledger';
import type { CaseFileLog } from './case-file-log.js';
import { caseStreamFindings, type FindingSettings, newestFirst, OTHER_STREAM_FINDING_RULES } from './case-file-findings.js';
import { type StreamChainReport, verifyStreamChain } from './stream-chain.js';

/** The patron as a case file shows it: the pseudonym always; the reference only in a full (non-pseudonymised) file. */
export interface CaseFilePatron {
  readonly pseudonym: string;
  readonly isMinor: boolean;
  /** The clear reference; null when pseudonymised, or when the patron's key has been destroyed. */
  readonly ref: string | null;
  readonly shredded: boolean;
}

export interface CaseFileEntry {
  readonly revision: string;
  readonly position: string;
  readonly type: CaseEventType;
  readonly label: string;
  readonly detail: string | null;
  readonly by: string;
  readonly byName: string | null;
  readonly role: string | null;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly policyVersion: string | null;
  /** The event's data, with the patron replaced by `CaseFilePatron`. */
  readonly data: Record<string, unknown>;
}

/** A user as the directory names them: documents name people, not user ids. */
export interface CaseFilePerson {
  readonly name: string;
  readonly role: string;
}

/** A compliance finding on the case, as the findings view holds it. */
export interface CaseFileFinding {
  readonly findingId?: string;
  readonly rule: string;
  readonly severity: string;
  readonly detectedAt: string;
  readonly message: string;
  readonly citation: string;
}

export interface ManifestEntry {
  /** The event's entry in the verifiable log (its leaf index), when the file carries proofs. */
  readonly leafIndex?: number;
  readonly revision: string;
  readonly position: string;
  readonly type: string;
  readonly hash: string | null;
  readonly prev: string | null;
}

export interface CaseFile {
  readonly title: string;
  readonly caseId: string;
  readonly generatedAt: string;
  readonly preparedFor: string;
  /** The user the file was prepared for; null when the operator exported it on the server. */
  readonly recipient: CaseFilePerson | null;
  readonly pseudonymised: boolean;
  /** Every user the case's events name, by user id (absent from the directory: left out). */
  readonly people: Readonly<Record<string, CaseFilePerson>>;
  readonly findings: readonly CaseFileFinding[];
  /**
   * The server's settings the finding rules read: with them, the findings that rest on the case's
   * events are derived from those events (as of `generatedAt`) and `verify-file` derives them again.
   * Absent from files made before: their findings are the views', unchecked.
   */
  readonly findingSettings?: FindingSettings;
  readonly summary: {
    readonly kind: 'disclosure_request' | 'wellness_check';
    readonly requesterKind: string;
    readonly requester: { readonly name: string; readonly agency?: string; readonly badgeNumber?: string } | null;
    readonly channel: string | null;
    /** Null on a request about a resource or a transaction, which names `subject` instead and may have patrons attached. */
    readonly patron: CaseFilePatron | null;
    readonly subject: RequestSubject | null;
    readonly attachedPatrons: readonly CaseFilePatron[];
    readonly requestedCategories: readonly string[];
    readonly releasedCategories: readonly string[];
    readonly status: string;
    readonly outcome: string | null;
    readonly openedAt: string;
    readonly closedAt: string | null;
    readonly sealed: boolean;
    readonly purpose: string | null;
  };
  readonly evaluation: { readonly route: string; readonly permittedCategories: readonly string[]; readonly rules: readonly FiredRule[] } | null;
  /** The instruments on record, in the words of the events that recorded them, with when the ledger recorded each. */
  readonly instruments: readonly Record<string, unknown>[];
  /** Every date the instruments set, with the objection (if any) that stopped its clock. */
  readonly deadlines: readonly CaseDeadline[];
  /** Every referral, advice and decision in the order they were made: the record, not only the current ones. */
  readonly counselReferrals: readonly Record<string, unknown>[];
  readonly advice: readonly Record<string, unknown>[];
  readonly decisions: readonly Record<string, unknown>[];
  readonly productions: readonly Record<string, unknown>[];
  readonly warrantExecutions: readonly Record<string, unknown>[];
  readonly policyVersions: readonly string[];
  readonly chronology: readonly CaseFileEntry[];
  readonly manifest: readonly ManifestEntry[];
  readonly chain: StreamChainReport;
  /** Proofs for `ledger verify-file`: stored bytes, leaf indexes, inclusion proofs, a signed checkpoint, the key. */
  readonly log?: CaseFileLog;
}

export interface CaseFileOptions {
  readonly caseId: string;
  /** The case stream's events as stored, in revision order. */
  readonly events: readonly RecordedEvent[];
  readonly generatedAt: string;
  /** Who the file is for, e.g. "Jane Roe (counsel)". */
  readonly preparedFor: string;
  /** The user it is for; absent when the operator exports it on the server. */
  readonly recipient?: CaseFilePerson;
  /** Reveals the patron reference; absent = pseudonymised (never the reference). */
  readonly revealPatronRef?: (blindIndex: string, encryptedRef: string) => string | null;
  /** The caller's directory of users: names and roles instead of user ids. */
  readonly directory?: (userId: string) => CaseFilePerson | null;
  /**
   * The case's findings (from the findings view). With `findingSettings`, only those found on other
   * streams are taken from here (`OTHER_STREAM_FINDING_RULES`): the rest are derived from the events.
   */
  readonly findings?: readonly CaseFileFinding[];
  readonly findingSettings?: FindingSettings;
  /** The verifiable log's proofs for these events (`proveCaseEvents`). */
  readonly log?: CaseFileLog;
}

/** The data fields of case events that name a user. */
const USER_FIELDS = ['by', 'openedBy', 'counselUserId', 'decidedBy', 'userId'] as const;

/** In a pseudonymised file, in place of the name of a patron who asked about their own records. */
export const WITHHELD_PATRON_NAME = 'the patron (name withheld)';

export const PRIVILEGE_NOTICE = 'PRIVILEGED AND CONFIDENTIAL — ATTORNEY–CLIENT COMMUNICATION / ATTORNEY WORK PRODUCT';

interface StoredPatron {
  readonly blindIndex: string;
  readonly pseudonym: string;
  readonly encryptedRef: string;
  readonly isMinor: boolean;
}

/** Builds the case file from the stored events of `case-<id>`. Throws if the stream holds no case. */
export function buildCaseFile(options: CaseFileOptions): CaseFile {
  const parsed = options.events.map((recorded) => {
    const { event, metadata } = decodeRecorded<CaseEvent>(recorded);
    return { recorded, event, metadata };
  });
  const caseEvents = parsed.filter((entry) => isCaseEvent(entry.event));
  const state = caseStateFrom(caseEvents.map((entry) => entry.event));
  if (!state.exists) throw new Error(`No case ${options.caseId}`);

  const revealed = new Map<string, CaseFilePatron>();
  const patronOf = (stored: StoredPatron): CaseFilePatron => {
    const known = revealed.get(stored.encryptedRef);
    if (known) return known;
    const ref = options.revealPatronRef ? options.revealPatronRef(stored.blindIndex, stored.encryptedRef) : null;
    const patron = { pseudonym: stored.pseudonym, isMinor: stored.isMinor, ref, shredded: options.revealPatronRef !== undefined && ref === null };
    revealed.set(stored.encryptedRef, patron);
    return patron;
  };
  const opening = caseEvents[0].event;
  const openingData = opening.type === 'DisclosureRequested' || opening.type === 'WellnessCheckRequested' ? opening.data : null;
  const pseudonymised = options.revealPatronRef === undefined;
  /**
   * A pseudonymised file also withholds what could name the patron besides the reference (as the
   * auditor's case view does); so does every file once the patron's identity in the case is shredded.
   */
  const openingPatron = openingData?.patron;
  const withholdPatron = pseudonymised || (openingPatron !== undefined && patronOf(openingPatron).shredded);
  const requesterShown = (requester: Requester): Requester =>
    withholdPatron && requester.kind === 'patron' ? { ...requester, name: WITHHELD_PATRON_NAME } : requester;
  // A patron's own name and identification details, kept encrypted since policy 2024-07-10.2, open with the reference.
  const opened = opening.type === 'DisclosureRequested' ? opening.data : null;
  const openedWords =
    opened &&
    requestWords(opened, withholdPatron || !options.revealPatronRef || opened.patron === undefined ? null : (ciphertext) => options.revealPatronRef!(opened.patron!.blindIndex, ciphertext));
  const withoutProtected = (data: Record<string, unknown>): Record<string, unknown> => {
    let shown = data.patron && typeof data.patron === 'object' ? { ...data, patron: patronOf(data.patron as StoredPatron) } : data;
    // Patrons attached to a request about a resource or a transaction: each as any patron is shown.
    if (Array.isArray(data.patrons)) shown = { ...shown, patrons: (data.patrons as StoredPatron[]).map(patronOf) };
    if (data.protectedWords !== undefined && openedWords) {
      const { protectedWords: _ciphertexts, ...clear } = shown;
      shown = { ...clear, requester: { ...(shown.requester as Requester), name: openedWords.requesterName ?? WITHHELD_PATRON_NAME }, identification: openedWords.identification };
    }
    if (shown.requester) shown = { ...shown, requester: requesterShown(shown.requester as Requester) };
    if (withholdPatron && Array.isArray(shown.identification)) shown = { ...shown, identification: (shown.identification as Identification[]).map(({ kind }) => ({ kind })) };
    return shown;
  };

  const chronology: CaseFileEntry[] = caseEvents.map(({ recorded, event, metadata }) => {
    const timeline = caseTimelineEntry(event, (userId) => options.directory?.(userId)?.name, state.outcome);
    return {
      revision: recorded.revision.toString(),
      position: recorded.position.toString(),
      type: event.type,
      label: CASE_EVENT_LABELS[event.type],
      detail: timeline.detail ?? null,
      by: event.data.by,
      byName: options.directory?.(event.data.by)?.name ?? null,
      role: metadata.actor?.role ?? null,
      occurredAt: event.data.occurredAt,
      recordedAt: metadata.recordedAt ?? recorded.recordedAt.toISOString(),
      policyVersion: metadata.policyVersion ?? null,
      data: withoutProtected(event.data as unknown as Record<string, unknown>),
    };
  });
  const ofType = (...types: CaseEventType[]) =>
    chronology.filter((entry) => types.includes(entry.type)).map((entry) => ({ ...entry.data, recordedAt: entry.recordedAt }));
  const instrumentRecordedAt = new Map(
    chronology.filter((entry) => entry.type === 'LegalInstrumentRecorded').map((entry) => [entry.data.instrumentId, entry.recordedAt]),
  );

  const people: Record<string, CaseFilePerson> = {};
  for (const { event } of caseEvents) {
    for (const field of USER_FIELDS) {
      const userId = (event.data as unknown as Record<string, unknown>)[field];
      if (typeof userId !== 'string' || userId in people) continue;
      const person = options.directory?.(userId);
      if (person) people[userId] = { name: person.name, role: person.role };
    }
  }
  const request = opening.type === 'DisclosureRequested' ? opening.data : null;
  return {
    title: `Case file ${options.caseId}`,
    caseId: options.caseId,
    generatedAt: options.generatedAt,
    preparedFor: options.preparedFor,
    recipient: options.recipient ?? null,
    pseudonymised,
    people,
    findings: options.findingSettings
      ? newestFirst([
          ...caseStreamFindings(
            caseEvents.map(({ recorded, event, metadata }) => ({ event, revision: recorded.revision, metadata })),
            options.findingSettings,
            options.generatedAt,
          ),
          ...(options.findings ?? []).filter((entry) => OTHER_STREAM_FINDING_RULES.has(entry.rule as FindingRule)),
        ])
      : (options.findings ?? []),
    ...(options.findingSettings && { findingSettings: { referralSlaMinutes: options.findingSettings.referralSlaMinutes, counselSlaHours: options.findingSettings.counselSlaHours } }),
    summary: {
      kind: state.kind,
      requesterKind: state.requesterKind,
      requester: request ? requesterShown({ ...request.requester, name: openedWords?.requesterName ?? WITHHELD_PATRON_NAME }) : null,
      channel: state.channel ?? null,
      patron: openingPatron === undefined ? null : patronOf(openingPatron),
      subject: state.subject ?? null,
      attachedPatrons: (state.attachedPatrons ?? []).map(patronOf),
      requestedCategories: state.requestedCategories,
      releasedCategories: state.releasedCategories,
      status: state.status,
      outcome: state.outcome ?? null,
      openedAt: state.receivedAt,
      closedAt: state.closedAt ?? null,
      sealed: state.sealed,
      purpose: request?.purpose ?? null,
    },
    evaluation: request ? { route: request.evaluation.route, permittedCategories: request.evaluation.permittedCategories, rules: request.evaluation.rules } : null,
    instruments: state.instruments.map((instrument) => ({
      caseId: state.caseId,
      ...instrumentAsRecorded(instrument),
      recordedAt: instrumentRecordedAt.get(instrument.instrumentId),
    })),
    deadlines: caseDeadlinesOf(state),
    counselReferrals: ofType('ReferredToCounsel'),
    advice: ofType('CounselAdviceRecorded'),
    decisions: ofType('ReleaseDecided', 'RequestRefused', 'PolicyExplained'),
    productions: ofType('RecordsProduced', 'RecordsReleased', 'WellnessDisclosureMade'),
    warrantExecutions: ofType('WarrantExecuted'),
    policyVersions: [...new Set(chronology.map((entry) => entry.policyVersion).filter((v): v is string => v !== null))],
    chronology,
    manifest: options.events.map((recorded) => {
      const sealed = unsealMetadata(recorded.metadata);
      const leafIndex = options.log?.events.find((event) => event.eventId === recorded.id)?.leafIndex;
      return {
        ...(leafIndex === undefined ? {} : { leafIndex }),
        revision: recorded.revision.toString(),
        position: recorded.position.toString(),
        type: recorded.type,
        hash: sealed?.hash ?? null,
        prev: sealed?.prev ?? null,
      };
    }),
    chain: verifyStreamChain(options.events),
    ...(options.log ? { log: withholdPatron ? withholdNamingBytes(options.log, caseEvents) : options.log } : {}),
  };
}

/** Whether an event's data holds words that could name the patron (beyond the encrypted reference). */
function namesThePatron(data: Record<string, unknown>): boolean {
  const requester = data.requester as Requester | undefined;
  const identification = data.identification as Identification[] | undefined;
  return requester?.kind === 'patron' || (Array.isArray(identification) && identification.some((entry) => entry.detail !== undefined));
}

/** The log section without the stored bytes of events that name the patron: a file that withholds the patron must not carry them raw. */
function withholdNamingBytes(log: CaseFileLog, caseEvents: readonly { recorded: { id: string }; event: { data: unknown } }[]): CaseFileLog {
  const naming = new Set(caseEvents.filter(({ event }) => namesThePatron(event.data as Record<string, unknown>)).map(({ recorded }) => recorded.id));
  return { ...log, events: log.events.map((event) => (naming.has(event.eventId) ? { ...event, data: null } : event)) };
}

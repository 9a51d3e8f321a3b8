import {
  caseDeadlinesOf,
  publicRecordsReplyDeadlineOf,
  caseTimelineEntry,
  instrumentAsRecorded,
  type CaseDeadline,
  type CaseEvent,
  type CaseEventType,
  type CaseReadAccess,
  type CaseStatus,
  type Category,
  type ExistingCase,
  type NoteOnRecord,
  type AttachmentOnRecord,
  type NameOfUser,
  type Outcome,
  type ProtectedPatron,
  type RequestSubject,
  type RequestEvaluation,
  requestWords,
} from '@ledger/domain';

/** One recorded event of the case, as a reader sees it. */
export interface CaseTimelineItem {
  readonly revision: string;
  readonly type: CaseEvent['type'];
  readonly label: string;
  readonly detail: string | null;
  readonly occurredAt: string;
  readonly recordedAt: string | null;
  readonly by: { readonly userId: string; readonly role: string | null };
  /** The same as `by` (who acted, from the event's metadata), under the name the v1 brief uses. */
  readonly actor: { readonly userId: string; readonly role: string | null };
  readonly policyVersion: string | null;
}

/** `GET /v1/cases/:caseId`: the case, its evaluation and its timeline. */
/** The proof, on the case itself, that its patron identity was purged (the key destroyed, the shred recorded). */
export interface IdentityShredNote {
  readonly shreddedAt: string;
  readonly scheduleRule: string;
  readonly basis: string;
  readonly dueDate: string;
  readonly keyFingerprint: string | null;
  /** The records-disposition authorization the purge ran under (null: none given). */
  readonly dispositionAuthority: string | null;
  /** "Patron identity shredded on … under rule …" */
  readonly statement: string;
}

export interface PatronShown {
  readonly pseudonym: string;
  readonly isMinor: boolean;
  readonly ref?: string | null;
}

export interface CaseView {
  readonly caseId: string;
  readonly identityShredded?: IdentityShredNote;
  readonly kind: ExistingCase['kind'];
  readonly revision: string;
  readonly status: CaseStatus;
  readonly outcome: Outcome | null;
  readonly closedAt: string | null;
  readonly sealed: boolean;
  readonly receivedAt: string;
  /** When the case was opened (= `receivedAt`, the request's `occurredAt`). */
  readonly openedAt: string;
  readonly openedBy: string;
  /** `full` or `pseudonymised` (auditors: the pseudonym, never the reference). */
  readonly access: Extract<CaseReadAccess, 'full' | 'pseudonymised'>;
  readonly requester: { readonly kind: string; readonly name: string | null; readonly agency?: string; readonly badgeNumber?: string };
  readonly channel: string | null;
  /** `ref` is the decrypted reference (null once shredded), only for full readers; null on a request about a resource or a transaction. */
  readonly patron: PatronShown | null;
  /** What a request names instead of a patron, and the patrons it turned out to concern (shown as `patron` is). */
  readonly subject: RequestSubject | null;
  readonly attachedPatrons: readonly PatronShown[];
  readonly requestedCategories: readonly Category[];
  readonly identification: readonly { readonly kind: string; readonly detail?: string }[];
  readonly purpose: string | null;
  readonly evaluation: RequestEvaluation | null;
  readonly wellness: { readonly concern: string; readonly agency: string; readonly officer?: string; readonly immediateThreat?: true; readonly observed?: string } | null;
  readonly releases: readonly object[];
  readonly refusal: object | null;
  readonly policyExplanation: object | null;
  readonly instruments: readonly object[];
  readonly counselUserId: string | null;
  /** The current referral to counsel (the latest one), or null. */
  readonly counselReferral: object | null;
  readonly advice: object | null;
  readonly decision: object | null;
  readonly production: object | null;
  /** Every production on the case, oldest first (`production` is the latest). */
  readonly productions: readonly object[];
  readonly warrantExecutions: readonly object[];
  /** The life of the non-disclosure orders: each end and each challenge as recorded, and when the seal lifted (null: sealed, or never). */
  readonly nondisclosureEnds: readonly object[];
  readonly nondisclosureChallenges: readonly object[];
  readonly unsealedAt: string | null;
  /** The notices to the patron the Director recorded once no order forbade them. */
  readonly patronNotices: readonly object[];
  readonly notes: readonly NoteOnRecord[];
  readonly attachments: readonly AttachmentOnRecord[];
  /** Every date the case's instruments set, with the objection (if any) that stopped its clock. */
  readonly deadlines: readonly CaseDeadline[];
  /** A public-records request for statistics still unanswered: when the reply is due (`publicRecordsReplyDeadlineOf`), else null. */
  readonly publicRecordsReplyDueAt: string | null;
  readonly releasedCategories: readonly Category[];
  readonly needToKnow: readonly string[];
  readonly timeline: readonly CaseTimelineItem[];
}

export interface RecordedCaseEvent {
  readonly event: CaseEvent;
  readonly revision: bigint;
  readonly metadata: { actor?: { userId?: string; role?: string }; recordedAt?: string; policyVersion?: string; jurisdiction?: string };
}

/** The event's data without the fields every case event repeats. */
function details<T extends { caseId: string }>(data: T): Omit<T, 'caseId'> {
  const { caseId: _caseId, ...rest } = data;
  return rest;
}

/** The data of the case's events of these types, oldest first: a list of what happened, not a fold. */
function recordsOf(recorded: readonly RecordedCaseEvent[], ...types: CaseEventType[]): object[] {
  return recorded.filter(({ event }) => types.includes(event.type)).map(({ event }) => details(event.data));
}

/** What the request said, from the event that opened the case; a pseudonymised view withholds what could name the patron. */
function requestOf(
  opening: CaseEvent | undefined,
  full: boolean,
  revealRef: ((blindIndex: string, encryptedRef: string) => string | null) | null,
): Pick<CaseView, 'requester' | 'channel' | 'identification' | 'purpose' | 'evaluation' | 'wellness'> | null {
  if (opening?.type === 'DisclosureRequested') {
    const { requester: asked, patron } = opening.data;
    const words = requestWords(opening.data, full && revealRef && patron ? (ciphertext) => revealRef(patron.blindIndex, ciphertext) : null);
    return {
      requester: { ...asked, name: full || asked.kind !== 'patron' ? words.requesterName : null },
      channel: opening.data.channel,
      identification: words.identification.map((id) => (full ? id : { kind: id.kind })),
      purpose: opening.data.purpose ?? null,
      evaluation: opening.data.evaluation,
      wellness: null,
    };
  }
  if (opening?.type === 'WellnessCheckRequested') {
    const { concern, agency, officer, immediateThreat, observed } = opening.data;
    return {
      requester: { kind: 'law_enforcement', name: officer ?? null, agency },
      channel: null,
      identification: [],
      purpose: null,
      evaluation: null,
      wellness: {
        concern,
        agency,
        ...(officer !== undefined && { officer }),
        ...(immediateThreat !== undefined && { immediateThreat }),
        ...(observed !== undefined && { observed }),
      },
    };
  }
  return null;
}

/** The library's zone recorded with a public-records request for statistics, whose reply's business days are its days there. */
function replyTimeZoneOf(opening: CaseEvent | undefined): { replyTimeZone?: string } {
  return opening?.type === 'DisclosureRequested' && opening.data.timeZone !== undefined ? { replyTimeZone: opening.data.timeZone } : {};
}

/** The current referral, advice and decision of the folded case, in the words of the events that made them. */
function counselAndDecisionOf(state: ExistingCase): Pick<CaseView, 'counselReferral' | 'advice' | 'decision'> {
  const { advice, decision } = state;
  return {
    counselReferral:
      state.counselUserId === undefined || state.referredToCounselAt === undefined
        ? null
        : {
            occurredAt: state.referredToCounselAt,
            by: state.referredToCounselBy,
            counselUserId: state.counselUserId,
            ...(state.referralNote !== undefined && { note: state.referralNote }),
          },
    advice:
      advice === undefined
        ? null
        : {
            occurredAt: advice.advisedAt,
            by: advice.recordedBy,
            counselUserId: advice.counselUserId,
            advice: advice.advice,
            ...(advice.scopeCategories !== undefined && { scope: { categories: advice.scopeCategories } }),
            ...(advice.notes !== undefined && { notes: advice.notes }),
            ...(advice.filedAt !== undefined && { filedAt: advice.filedAt }),
            ...(advice.providesCommunicationService !== undefined && { providesCommunicationService: advice.providesCommunicationService }),
            permitsCategories: advice.permitsCategories,
          },
    decision:
      decision === undefined
        ? null
        : {
            occurredAt: decision.decidedAt,
            by: decision.recordedBy,
            decision: decision.decision,
            categories: decision.categories,
            rationale: decision.rationale,
            decidedBy: decision.decidedBy,
          },
  };
}

/**
 * Builds the reader's view of a case: status, outcome, instruments, the current referral, advice and
 * decision, and deadlines are the domain's fold (`state`, from `caseStateFrom`); what the request
 * said comes from the opening event, and releases, productions and warrant executions are the list
 * of those events. `revealRef` is given only to full readers; a pseudonymised view also withholds
 * what could name the patron besides the reference: the requester's name when the requester is the
 * patron, and identification details. `nameOf` names the people in the timeline's lines.
 */
export function buildCaseView(
  state: ExistingCase,
  recorded: readonly RecordedCaseEvent[],
  access: 'full' | 'pseudonymised',
  revealRef: ((blindIndex: string, encryptedRef: string) => string | null) | null,
  nameOf?: NameOfUser,
): CaseView {
  const full = access === 'full';
  const request = requestOf(recorded[0]?.event, full, revealRef) ?? {
    requester: { kind: state.requesterKind, name: null },
    channel: null,
    identification: [],
    purpose: null,
    evaluation: null,
    wellness: null,
  };
  const productions = recordsOf(recorded, 'RecordsProduced');
  const refusals = recordsOf(recorded, 'RequestRefused');
  const explanations = recordsOf(recorded, 'PolicyExplained');

  const last = recorded[recorded.length - 1];
  const patronShown = (patron: ProtectedPatron) => ({
    pseudonym: patron.pseudonym,
    isMinor: patron.isMinor,
    ...(full && revealRef && { ref: revealRef(patron.blindIndex, patron.encryptedRef) }),
  });
  return {
    caseId: state.caseId,
    kind: state.kind,
    revision: (last?.revision ?? 0n).toString(),
    status: state.status,
    outcome: state.outcome ?? null,
    closedAt: state.closedAt ?? null,
    sealed: state.sealed,
    receivedAt: state.receivedAt,
    openedAt: state.receivedAt,
    openedBy: state.openedBy,
    access,
    ...request,
    patron: state.patron === undefined ? null : patronShown(state.patron),
    subject: state.subject ?? null,
    attachedPatrons: (state.attachedPatrons ?? []).map(patronShown),
    requestedCategories: state.requestedCategories,
    releases: recordsOf(recorded, 'RecordsReleased', 'WellnessDisclosureMade'),
    refusal: refusals[refusals.length - 1] ?? null,
    policyExplanation: explanations[explanations.length - 1] ?? null,
    instruments: state.instruments.map(instrumentAsRecorded),
    counselUserId: state.counselUserId ?? null,
    ...counselAndDecisionOf(state),
    production: productions[productions.length - 1] ?? null,
    productions,
    warrantExecutions: recordsOf(recorded, 'WarrantExecuted'),
    nondisclosureEnds: recordsOf(recorded, 'NondisclosureEnded'),
    nondisclosureChallenges: recordsOf(recorded, 'NondisclosureChallenged'),
    unsealedAt: state.unsealedAt ?? null,
    patronNotices: recordsOf(recorded, 'PatronNotified'),
    notes: state.notes ?? [],
    attachments: state.attachments ?? [],
    deadlines: caseDeadlinesOf(state),
    publicRecordsReplyDueAt: publicRecordsReplyDeadlineOf({ ...state, ...(recorded[0]?.metadata.jurisdiction !== undefined && { jurisdiction: recorded[0].metadata.jurisdiction }), ...replyTimeZoneOf(recorded[0]?.event) }),
    releasedCategories: state.releasedCategories,
    needToKnow: state.needToKnow,
    timeline: recorded.map(({ event, revision, metadata }) => {
      const entry = caseTimelineEntry(event, nameOf, state.outcome);
      const by = { userId: metadata.actor?.userId ?? entry.by, role: metadata.actor?.role ?? null };
      return {
        revision: revision.toString(),
        type: entry.type,
        label: entry.label,
        detail: entry.detail ?? null,
        occurredAt: entry.at,
        recordedAt: metadata.recordedAt ?? null,
        by,
        actor: by,
        policyVersion: metadata.policyVersion ?? null,
      };
    }),
  };
}

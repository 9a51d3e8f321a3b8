import {
  caseTimelineEntry,
  type CaseEvent,
  type CaseReadAccess,
  type CaseStatus,
  type Category,
  type ExistingCase,
  type NameOfUser,
  type Outcome,
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
  /** "Patron identity shredded on … under rule …" */
  readonly statement: string;
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
  readonly access: Exclude<CaseReadAccess, 'sealed' | 'forbidden'>;
  readonly requester: { readonly kind: string; readonly name: string | null; readonly agency?: string; readonly badgeNumber?: string };
  readonly channel: string | null;
  /** `ref` is the decrypted reference (null once shredded), only for full readers. */
  readonly patron: { readonly pseudonym: string; readonly isMinor: boolean; readonly ref?: string | null };
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
  readonly releasedCategories: readonly Category[];
  readonly needToKnow: readonly string[];
  readonly timeline: readonly CaseTimelineItem[];
}

export interface RecordedCaseEvent {
  readonly event: CaseEvent;
  readonly revision: bigint;
  readonly metadata: { actor?: { userId?: string; role?: string }; recordedAt?: string; policyVersion?: string };
}

/** The event's data without the fields every case event repeats. */
function details<T extends { caseId: string }>(data: T): Omit<T, 'caseId'> {
  const { caseId: _caseId, ...rest } = data;
  return rest;
}

/**
 * Builds the reader's view of a case from its stream. `revealRef` is given only to full readers;
 * a pseudonymised view also withholds what could name the patron besides the reference: the
 * requester's name when the requester is the patron, and identification details. `nameOf` names
 * the people in the timeline's lines.
 */
export function buildCaseView(
  state: ExistingCase,
  recorded: readonly RecordedCaseEvent[],
  access: 'full' | 'pseudonymised',
  revealRef: ((blindIndex: string, encryptedRef: string) => string | null) | null,
  nameOf?: NameOfUser,
): CaseView {
  const full = access === 'full';
  let requester: CaseView['requester'] = { kind: state.requesterKind, name: null };
  let channel: string | null = null;
  let identification: CaseView['identification'] = [];
  let purpose: string | null = null;
  let evaluation: RequestEvaluation | null = null;
  let wellness: CaseView['wellness'] = null;
  const releases: object[] = [];
  let refusal: object | null = null;
  let policyExplanation: object | null = null;
  const instruments: object[] = [];
  let advice: object | null = null;
  let decision: object | null = null;
  let production: object | null = null;
  const productions: object[] = [];
  let counselReferral: object | null = null;
  const warrantExecutions: object[] = [];

  for (const { event } of recorded) {
    switch (event.type) {
      case 'DisclosureRequested': {
        const { requester: asked, patron } = event.data;
        const words = requestWords(event.data, full && revealRef ? (ciphertext) => revealRef(patron.blindIndex, ciphertext) : null);
        requester = { ...asked, name: full || asked.kind !== 'patron' ? words.requesterName : null };
        channel = event.data.channel;
        identification = words.identification.map((id) => (full ? id : { kind: id.kind }));
        purpose = event.data.purpose ?? null;
        evaluation = event.data.evaluation;
        break;
      }
      case 'WellnessCheckRequested':
        wellness = {
          concern: event.data.concern,
          agency: event.data.agency,
          ...(event.data.officer !== undefined && { officer: event.data.officer }),
          ...(event.data.immediateThreat !== undefined && { immediateThreat: event.data.immediateThreat }),
          ...(event.data.observed !== undefined && { observed: event.data.observed }),
        };
        requester = { kind: 'law_enforcement', name: event.data.officer ?? null, agency: event.data.agency };
        break;
      case 'RecordsReleased':
      case 'WellnessDisclosureMade':
        releases.push(details(event.data));
        break;
      case 'RequestRefused':
        refusal = details(event.data);
        break;
      case 'PolicyExplained':
        policyExplanation = details(event.data);
        break;
      case 'LegalInstrumentRecorded':
        instruments.push(details(event.data));
        break;
      case 'ReferredToCounsel':
        // A new referral asks again: the earlier advice and decision no longer stand (as in the domain).
        advice = null;
        decision = null;
        counselReferral = details(event.data);
        break;
      case 'CounselAdviceRecorded':
        advice = details(event.data);
        decision = null;
        break;
      case 'ReleaseDecided':
        decision = details(event.data);
        break;
      case 'RecordsProduced':
        production = details(event.data);
        productions.push(production);
        break;
      case 'WarrantExecuted':
        warrantExecutions.push(details(event.data));
        break;
      case 'NeedToKnowGranted':
      case 'ReferredToDirector':
      case 'CaseClosed':
        break;
    }
  }

  const last = recorded[recorded.length - 1];
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
    requester,
    channel,
    patron: {
      pseudonym: state.patron.pseudonym,
      isMinor: state.patron.isMinor,
      ...(full && revealRef && { ref: revealRef(state.patron.blindIndex, state.patron.encryptedRef) }),
    },
    requestedCategories: state.requestedCategories,
    identification,
    purpose,
    evaluation,
    wellness,
    releases,
    refusal,
    policyExplanation,
    instruments,
    counselUserId: state.counselUserId ?? null,
    counselReferral,
    advice,
    decision,
    production,
    productions,
    warrantExecutions,
    releasedCategories: state.releasedCategories,
    needToKnow: state.needToKnow,
    timeline: recorded.map(({ event, revision, metadata }) => {
      const entry = caseTimelineEntry(event, nameOf);
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

import { assertNever } from '../shared/decider.js';
import type {
  CaseStatus,
  Category,
  Channel,
  CounselAdvice,
  InstrumentType,
  Jurisdiction,
  NondisclosureEnding,
  Outcome,
  PatronNoticeMethod,
  ReleaseDecision,
  RequesterKind,
  Route,
} from '../vocabulary.js';
import type { ReleaseDoors } from '../policy/jurisdiction.js';
import { DEFAULT_JURISDICTION } from '../policy/jurisdictions.js';
import { intersect, isSubset, union } from '../support/category-sets.js';
import { objectionFiledAt } from './case-deadlines.js';
import type { AttachmentAdded, CaseClosed, CaseEvent, LegalInstrumentRecorded, ProtectedPatron, RequestSubject } from './case.events.js';
import type { DisclosureRequestFacts } from '../policy/evaluate-request.js';

/** Instants are kept as the events hold them; `caseDeadlinesOf` compares them in UTC. */
export interface InstrumentOnRecord {
  readonly instrumentId: string;
  readonly type: InstrumentType;
  readonly issuedBy: string;
  readonly court?: string;
  readonly docketNumber?: string;
  readonly scopeCategories: readonly Category[];
  /** The period of records the instrument covers, when it says. */
  readonly scopeFrom?: string;
  readonly scopeTo?: string;
  readonly nondisclosureOrder: boolean;
  readonly servedAt: string;
  readonly servedOn?: string;
  readonly returnDate?: string;
  readonly documentSha256?: string;
  readonly jurisdiction?: Jurisdiction;
  /** The library's time zone its periods in days are counted in. */
  readonly timeZone?: string;
  /** Recorded by staff without the Director's powers. */
  readonly staffRecorded?: true;
  /** When the library recorded it (the event's `occurredAt`) and who did. */
  readonly recordedAt: string;
  readonly recordedBy: string;
  /** Its non-disclosure order ended: when, how, and who recorded it. */
  readonly nondisclosureEnded?: { readonly endedAt: string; readonly how: NondisclosureEnding; readonly note?: string; readonly recordedBy: string };
  /** Counsel's challenges to its non-disclosure order, in the order recorded. */
  readonly nondisclosureChallenges?: readonly { readonly filedAt: string; readonly court: string; readonly note?: string }[];
}

/** Whether an instrument's non-disclosure order still binds the library. */
export function nondisclosureInForce(instrument: Pick<InstrumentOnRecord, 'nondisclosureOrder' | 'nondisclosureEnded'>): boolean {
  return instrument.nondisclosureOrder && instrument.nondisclosureEnded === undefined;
}

export interface AdviceOnRecord {
  readonly counselUserId: string;
  readonly advice: CounselAdvice;
  readonly permitsCategories: readonly Category[];
  /** The scope as counsel wrote it, if any. */
  readonly scopeCategories?: readonly Category[];
  readonly notes?: string;
  /** `object` / `move_to_quash`: when the objection or motion to quash was filed, as counsel gave it. */
  readonly filedAt?: string;
  /** Counsel found that the library provides an electronic communication service (18 U.S.C. § 2709(f)'s proviso). */
  readonly providesCommunicationService?: true;
  /** The advice event's `occurredAt` and who recorded it. */
  readonly advisedAt: string;
  readonly recordedBy: string;
}

export interface DecisionOnRecord {
  readonly decision: ReleaseDecision;
  readonly categories: readonly Category[];
  readonly rationale: string;
  readonly decidedBy: string;
  /** The decision event's `occurredAt` and who recorded it. */
  readonly decidedAt: string;
  readonly recordedBy: string;
}

export interface NoCase {
  readonly exists: false;
}

export interface ExistingCase {
  readonly exists: true;
  readonly caseId: string;
  readonly kind: 'disclosure_request' | 'wellness_check';
  /** A wellness check's recipient is law enforcement, so it counts as a law-enforcement case. */
  readonly requesterKind: RequesterKind;
  /** Who asked: the person and (law enforcement) the agency, which a written consent may name. */
  readonly requesterNames: readonly string[];
  readonly channel?: Channel;
  /** The patron whose records are asked for; absent on a request about a resource or a transaction (`subject`). */
  readonly patron?: ProtectedPatron;
  readonly subject?: RequestSubject;
  /** The patrons such a request turned out to concern, as the Director attached them (no repeats). */
  readonly attachedPatrons?: readonly ProtectedPatron[];
  readonly requestedCategories: readonly Category[];
  readonly route: Route;
  readonly permittedCategories: readonly Category[];
  readonly receivedAt: string;
  readonly openedBy: string;
  readonly status: CaseStatus;
  readonly outcome?: Outcome;
  readonly closedAt?: string;
  readonly sealed: boolean;
  readonly instruments: readonly InstrumentOnRecord[];
  /** The counsel most recently referred to; only they may advise. */
  readonly counselUserId?: string;
  /** When staff (or the director) first referred the case to the director (its `occurredAt`). */
  readonly referredToDirectorAt?: string;
  /** The current (latest) referral to counsel: when (its `occurredAt`), by whom, and its note. */
  readonly referredToCounselAt?: string;
  readonly referredToCounselBy?: string;
  readonly referralNote?: string;
  /** Counsel's advice on the current referral; a new referral clears it. */
  readonly advice?: AdviceOnRecord;
  /** The current release decision; a new referral to counsel clears it. */
  readonly decision?: DecisionOnRecord;
  /**
   * Every objection or motion to quash ever filed on the case, in UTC, sorted: a new referral does
   * not unfile one. Each stops the clock of the deadlines after it (`caseDeadlinesOf`).
   */
  readonly objectionsFiledAt: readonly string[];
  /** Everything that has left the library on this case so far. */
  readonly releasedCategories: readonly Category[];
  /**
   * Who decided the case: the release decision's `decidedBy`, else whoever first released, refused
   * or explained the policy at the desk.
   */
  readonly decidedBy?: string;
  /** Ids of the rules that fired when the request was evaluated (none for a wellness check). */
  readonly ruleIds: readonly string[];
  readonly needToKnow: readonly string[];
  /** A request at the desk as it was evaluated, for a release to evaluate it again against what has changed since. */
  readonly request?: RequestOnRecord;
  /** When the last non-disclosure order in force ended and the case ceased to be sealed (absent while sealed, or never sealed). */
  readonly unsealedAt?: string;
  /** The notices to the patron the Director recorded once no order forbade telling them. */
  readonly patronNotices?: readonly { readonly method: PatronNoticeMethod; readonly notifiedAt: string }[];
  /** Free-text notes, in the order written. */
  readonly notes?: readonly NoteOnRecord[];
  /** Scanned documents attached, in the order attached. */
  readonly attachments?: readonly AttachmentOnRecord[];
}

export interface NoteOnRecord {
  readonly noteId: string;
  readonly text: string;
  readonly by: string;
  readonly at: string;
}

export type AttachmentOnRecord = Omit<AttachmentAdded['data'], 'caseId' | 'occurredAt'> & { readonly at: string };

/** What evaluation looked at in the request (a patron's own name and details stay protected: they decide nothing). */
export interface RequestOnRecord extends Omit<DisclosureRequestFacts, 'occurredAt'> {
  /** The consents the evaluation relied on (or, on a government request, found). */
  readonly consentIds: readonly string[];
}

export type CaseState = NoCase | ExistingCase;

export const initialCaseState: CaseState = { exists: false };

/** Law enforcement, or any government agency or agent the evaluation sent to the Director as such (GOVERNMENT-REFER). */
export function isLawEnforcementCase(state: Pick<ExistingCase, 'requesterKind' | 'ruleIds'>): boolean {
  return state.requesterKind === 'law_enforcement' || state.ruleIds.includes('GOVERNMENT-REFER');
}

/** Union of the scopes of every instrument on record. */
export function instrumentScopeOf(state: ExistingCase): Category[] {
  return union(...state.instruments.map((instrument) => instrument.scopeCategories));
}

/** What the director may still decide to release: instrument scope ∩ counsel's advice (empty without advice). */
export function releasableCategoriesOf(state: ExistingCase): Category[] {
  if (state.advice === undefined) return [];
  return intersect(instrumentScopeOf(state), state.advice.permitsCategories);
}

/** What may be produced: releasable ∩ the director's release decision. */
export function producibleCategoriesOf(state: ExistingCase): Category[] {
  if (state.decision === undefined || state.decision.decision === 'deny') return [];
  return intersect(releasableCategoriesOf(state), state.decision.categories);
}

/**
 * The outcome a case closes with: if anything left the library (released, produced, or seized under a
 * warrant) it is `released` when that covers everything asked for, else `released_in_part`;
 * otherwise the refusal the closing event names. "Asked for" is what the requester asked for at the
 * desk and what every instrument on record demands; and a release the Director decided "in part" is a
 * partial release even when it happens to cover every category (the part withheld may be a period or
 * records within a category), so the record never reads as a full release the Director did not decide.
 */
export function closingOutcome(
  state: Pick<ExistingCase, 'requestedCategories' | 'instruments' | 'decision'>,
  released: readonly Category[],
  refusal: 'refused' | 'refused_no_instrument',
): Outcome {
  if (released.length === 0) return refusal;
  if (state.decision?.decision === 'release_in_part') return 'released_in_part';
  const demanded = union(state.requestedCategories, ...state.instruments.map((instrument) => instrument.scopeCategories));
  return isSubset(demanded, released) ? 'released' : 'released_in_part';
}

/**
 * The outcome of a closed case as the record shows it. Cases closed before `closingOutcome` weighed the
 * decision and the instruments stored `released` for what was a partial release; the fold reads them
 * again, so that every reader (case, register, stats, case file) says what happened. A refusal is kept.
 */
function outcomeOnRecord(state: ExistingCase, closed: CaseClosed['data']): Outcome {
  if (closed.outcome !== 'released') return closed.outcome;
  return closingOutcome(state, closed.releasedCategories, 'refused');
}

/**
 * Whether an instrument authorised what left the library: something was released on the case, the
 * instrument opens the statute's door on its own in the case's jurisdiction (without the patron's
 * written consent), and its scope covers some of what was released.
 */
export function authorisedRelease(instrument: InstrumentOnRecord, state: Pick<ExistingCase, 'releasedCategories'>, doors: ReleaseDoors = DEFAULT_JURISDICTION.releaseDoors): boolean {
  return (
    doors.instruments.includes(instrument.type) &&
    intersect(instrument.scopeCategories, state.releasedCategories).length > 0
  );
}

/** An instrument on record in the words of the event that recorded it (without `caseId`), as readers and case files show it. */
export function instrumentAsRecorded(instrument: InstrumentOnRecord): Omit<LegalInstrumentRecorded['data'], 'caseId'> {
  return {
    occurredAt: instrument.recordedAt,
    by: instrument.recordedBy,
    instrumentId: instrument.instrumentId,
    type: instrument.type,
    issuedBy: instrument.issuedBy,
    ...(instrument.court !== undefined && { court: instrument.court }),
    ...(instrument.docketNumber !== undefined && { docketNumber: instrument.docketNumber }),
    servedAt: instrument.servedAt,
    ...(instrument.servedOn !== undefined && { servedOn: instrument.servedOn }),
    ...(instrument.returnDate !== undefined && { returnDate: instrument.returnDate }),
    scope: {
      categories: instrument.scopeCategories,
      ...(instrument.scopeFrom !== undefined && { from: instrument.scopeFrom }),
      ...(instrument.scopeTo !== undefined && { to: instrument.scopeTo }),
    },
    nondisclosureOrder: instrument.nondisclosureOrder,
    ...(instrument.documentSha256 !== undefined && { documentSha256: instrument.documentSha256 }),
    ...(instrument.jurisdiction !== undefined && { jurisdiction: instrument.jurisdiction }),
    ...(instrument.timeZone !== undefined && { timeZone: instrument.timeZone }),
    ...(instrument.staffRecorded !== undefined && { staffRecorded: instrument.staffRecorded }),
  };
}

/**
 * The seal follows the orders: a case is sealed while any instrument's non-disclosure order is in force
 * (a case sealed once stayed sealed until the third reading let an order end). `at` is when the seal
 * lifts, if this change lifts it.
 */
function withSeal(state: ExistingCase, at: string): ExistingCase {
  const sealed = state.instruments.some(nondisclosureInForce);
  if (sealed) {
    const { unsealedAt: _lifted, ...still } = state;
    return { ...still, sealed };
  }
  return state.sealed ? { ...state, sealed, unsealedAt: at } : state;
}

function existing(state: CaseState, event: CaseEvent): ExistingCase {
  if (!state.exists) throw new Error(`${event.type} on a case that was never opened`);
  return state;
}

export function evolveCase(state: CaseState, event: CaseEvent): CaseState {
  switch (event.type) {
    case 'DisclosureRequested': {
      const data = event.data;
      return {
        exists: true,
        caseId: data.caseId,
        kind: 'disclosure_request',
        requesterKind: data.requester.kind,
        requesterNames: data.requester.agency === undefined ? [data.requester.name] : [data.requester.name, data.requester.agency],
        channel: data.channel,
        ...(data.patron !== undefined && { patron: data.patron }),
        ...(data.subject !== undefined && { subject: data.subject }),
        requestedCategories: data.requestedCategories,
        route: data.evaluation.route,
        permittedCategories: data.evaluation.permittedCategories,
        receivedAt: data.receivedAt,
        openedBy: data.openedBy,
        status: 'open',
        sealed: false,
        instruments: [],
        objectionsFiledAt: [],
        releasedCategories: [],
        ruleIds: data.evaluation.rules.map((rule) => rule.id),
        needToKnow: [],
        request: {
          requester: data.requester,
          channel: data.channel,
          requestedCategories: data.requestedCategories,
          identification: data.identification,
          ...(data.purpose !== undefined && { purpose: data.purpose }),
          patronIsMinor: data.patron?.isMinor ?? false,
          consentIds: data.evaluation.consentIds,
        },
      };
    }
    case 'WellnessCheckRequested': {
      const data = event.data;
      return {
        exists: true,
        caseId: data.caseId,
        kind: 'wellness_check',
        requesterKind: 'law_enforcement',
        requesterNames: [data.agency],
        patron: data.patron,
        requestedCategories: data.requestedCategories,
        route: 'staff_may_release',
        permittedCategories: data.requestedCategories,
        receivedAt: data.receivedAt,
        openedBy: data.openedBy,
        status: 'open',
        sealed: false,
        instruments: [],
        objectionsFiledAt: [],
        releasedCategories: [],
        ruleIds: [],
        needToKnow: [],
      };
    }
    case 'ReferredToDirector': {
      const current = existing(state, event);
      return { ...current, status: caseStatusAfter(current.status, event), referredToDirectorAt: current.referredToDirectorAt ?? event.data.occurredAt };
    }
    // Who is told by e-mail is the outbox's concern: after a notice the case is as it was.
    case 'EarlierTimeConfirmed':
    case 'NotificationQueued':
      return existing(state, event);
    case 'RecordsReleased':
    case 'WellnessDisclosureMade': {
      const current = existing(state, event);
      return { ...current, releasedCategories: union(current.releasedCategories, event.data.categories), decidedBy: current.decidedBy ?? event.data.by };
    }
    case 'RecordsProduced':
    case 'WarrantExecuted': {
      const current = existing(state, event);
      return { ...current, releasedCategories: union(current.releasedCategories, event.data.categories) };
    }
    case 'RequestRefused':
    case 'PolicyExplained': {
      const current = existing(state, event);
      return current.decidedBy === undefined ? { ...current, decidedBy: event.data.by } : current;
    }
    case 'LegalInstrumentRecorded': {
      const current = existing(state, event);
      const data = event.data;
      const instrument: InstrumentOnRecord = {
        instrumentId: data.instrumentId,
        type: data.type,
        issuedBy: data.issuedBy,
        ...(data.court !== undefined && { court: data.court }),
        ...(data.docketNumber !== undefined && { docketNumber: data.docketNumber }),
        scopeCategories: data.scope.categories,
        ...(data.scope.from !== undefined && { scopeFrom: data.scope.from }),
        ...(data.scope.to !== undefined && { scopeTo: data.scope.to }),
        nondisclosureOrder: data.nondisclosureOrder,
        servedAt: data.servedAt,
        ...(data.servedOn !== undefined && { servedOn: data.servedOn }),
        ...(data.returnDate !== undefined && { returnDate: data.returnDate }),
        ...(data.documentSha256 !== undefined && { documentSha256: data.documentSha256 }),
        ...(data.jurisdiction !== undefined && { jurisdiction: data.jurisdiction }),
        ...(data.timeZone !== undefined && { timeZone: data.timeZone }),
        ...(data.staffRecorded !== undefined && { staffRecorded: data.staffRecorded }),
        recordedAt: data.occurredAt,
        recordedBy: data.by,
      };
      return withSeal({ ...current, status: caseStatusAfter(current.status, event), instruments: [...current.instruments, instrument] }, data.occurredAt);
    }
    case 'NondisclosureEnded': {
      const current = existing(state, event);
      const { instrumentId, endedAt, how, note, by } = event.data;
      const instruments = current.instruments.map((instrument) =>
        instrument.instrumentId === instrumentId && instrument.nondisclosureEnded === undefined
          ? { ...instrument, nondisclosureEnded: { endedAt, how, ...(note !== undefined && { note }), recordedBy: by } }
          : instrument,
      );
      return withSeal({ ...current, instruments }, endedAt);
    }
    case 'NondisclosureChallenged': {
      const current = existing(state, event);
      const { instrumentId, filedAt, court, note } = event.data;
      const instruments = current.instruments.map((instrument) =>
        instrument.instrumentId === instrumentId
          ? { ...instrument, nondisclosureChallenges: [...(instrument.nondisclosureChallenges ?? []), { filedAt, court, ...(note !== undefined && { note }) }] }
          : instrument,
      );
      return { ...current, instruments };
    }
    case 'PatronsAttached': {
      const current = existing(state, event);
      const attached = current.attachedPatrons ?? [];
      const added = event.data.patrons.filter((patron) => !attached.some((known) => known.blindIndex === patron.blindIndex));
      return { ...current, attachedPatrons: [...attached, ...added] };
    }
    case 'PatronNotified': {
      const current = existing(state, event);
      const { method, notifiedAt } = event.data;
      return { ...current, patronNotices: [...(current.patronNotices ?? []), { method, notifiedAt }] };
    }
    case 'CaseNoteAdded': {
      const current = existing(state, event);
      const { noteId, text, by, occurredAt } = event.data;
      return { ...current, notes: [...(current.notes ?? []), { noteId, text, by, at: occurredAt }] };
    }
    case 'AttachmentAdded': {
      const current = existing(state, event);
      const { caseId: _caseId, occurredAt, ...attachment } = event.data;
      return { ...current, attachments: [...(current.attachments ?? []), { ...attachment, at: occurredAt }] };
    }
    case 'ReferredToCounsel': {
      const { advice: _advice, decision: _decision, referralNote: _note, ...current } = existing(state, event);
      const { counselUserId, occurredAt, by, note } = event.data;
      return {
        ...current,
        status: caseStatusAfter(current.status, event),
        counselUserId,
        referredToCounselAt: occurredAt,
        referredToCounselBy: by,
        ...(note !== undefined && { referralNote: note }),
      };
    }
    case 'CounselAdviceRecorded': {
      const { decision: _decision, ...current } = existing(state, event);
      const data = event.data;
      const advice: AdviceOnRecord = {
        counselUserId: data.counselUserId,
        advice: data.advice,
        permitsCategories: data.permitsCategories,
        ...(data.scope !== undefined && { scopeCategories: data.scope.categories }),
        ...(data.notes !== undefined && { notes: data.notes }),
        ...(data.filedAt !== undefined && { filedAt: data.filedAt }),
        ...(data.providesCommunicationService === true && { providesCommunicationService: true }),
        advisedAt: data.occurredAt,
        recordedBy: data.by,
      };
      const filedAt = objectionFiledAt(event);
      const objectionsFiledAt = filedAt === undefined ? current.objectionsFiledAt : [...current.objectionsFiledAt, filedAt].sort();
      return { ...current, status: caseStatusAfter(current.status, event), advice, objectionsFiledAt };
    }
    case 'ReleaseDecided': {
      const current = existing(state, event);
      const { decision: decided, categories, rationale, decidedBy, occurredAt, by } = event.data;
      const decision: DecisionOnRecord = { decision: decided, categories, rationale, decidedBy, decidedAt: occurredAt, recordedBy: by };
      return { ...current, decision, decidedBy, status: caseStatusAfter(current.status, event) };
    }
    case 'NeedToKnowGranted': {
      const current = existing(state, event);
      if (current.needToKnow.includes(event.data.userId)) return current;
      return { ...current, needToKnow: [...current.needToKnow, event.data.userId] };
    }
    case 'CaseClosed': {
      const current = existing(state, event);
      return {
        ...current,
        status: 'closed',
        outcome: outcomeOnRecord(current, event.data),
        closedAt: event.data.occurredAt,
        releasedCategories: event.data.releasedCategories,
      };
    }
    default:
      return assertNever(event, 'case event');
  }
}

/**
 * The case lifecycle, written once: a case's status after an event. `evolveCase` and every case view
 * (register, director's board, counsel queue, deadlines) take their status from here.
 */
export function caseStatusAfter(status: CaseStatus, event: CaseEvent): CaseStatus {
  switch (event.type) {
    case 'DisclosureRequested':
    case 'WellnessCheckRequested':
      return 'open';
    case 'ReferredToDirector':
      return 'with_director';
    case 'LegalInstrumentRecorded':
      return status === 'open' ? 'with_director' : status;
    case 'ReferredToCounsel':
      return 'awaiting_counsel';
    case 'CounselAdviceRecorded':
      return 'awaiting_decision';
    case 'ReleaseDecided':
      return event.data.decision === 'deny' ? status : 'decided';
    case 'CaseClosed':
      return 'closed';
    case 'RecordsReleased':
    case 'WellnessDisclosureMade':
    case 'RecordsProduced':
    case 'WarrantExecuted':
    case 'RequestRefused':
    case 'PolicyExplained':
    case 'NeedToKnowGranted':
    case 'EarlierTimeConfirmed':
    case 'NotificationQueued':
    case 'NondisclosureEnded':
    case 'NondisclosureChallenged':
    case 'PatronNotified':
    case 'PatronsAttached':
    case 'CaseNoteAdded':
    case 'AttachmentAdded':
      return status;
    default:
      return assertNever(event, 'case event');
  }
}

/** Every patron the case names: its patron, or those attached to a request about a resource or a transaction. */
export function patronsOfCase(state: Pick<ExistingCase, 'patron' | 'attachedPatrons'>): readonly ProtectedPatron[] {
  return state.patron !== undefined ? [state.patron] : (state.attachedPatrons ?? []);
}

/** Folds a stream's events into its state. */
export function caseStateFrom(events: readonly CaseEvent[]): CaseState {
  return events.reduce(evolveCase, initialCaseState);
}

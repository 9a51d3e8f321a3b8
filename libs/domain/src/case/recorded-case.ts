/**
 * A case as the ledger recorded it: the decider's state (`evolveCase`) and, for the acts the finding
 * rules measure, where each event sits (its revision, when it was recorded, the reading and the pack it
 * was decided under). One fold per event: the views fold this, and the finding rules
 * (`findings/case-findings.ts`) are pure functions of it.
 */
import { isJurisdictionId } from '../policy/jurisdictions.js';
import type { JurisdictionId } from '../policy/jurisdiction.js';
import { utcInstant as utc } from '../support/iso-time.js';
import type { Category, CounselAdvice, InstrumentType, MeasuredAct, ReleaseDecision } from '../vocabulary.js';
import { objectionFiledAt } from './case-deadlines.js';
import type { CaseEvent } from './case.events.js';
import { evolveCase, type ExistingCase, initialCaseState, type InstrumentOnRecord } from './case.state.js';

/** An event plus where it sits in the ledger (its metadata), as a per-case fold sees it. */
export interface CaseEventAt {
  readonly event: CaseEvent;
  /** Revision in the case stream: deterministic across replays, used to name per-event findings. */
  readonly revision: bigint;
  /** The rule pack the event was decided under (its metadata): events keep the meaning they had. */
  readonly policyVersion?: string;
  /** The jurisdiction whose pack it was decided under (its metadata; absent before packs were named). */
  readonly jurisdiction?: string;
  /** When the server recorded it (its metadata), if known. */
  readonly recordedAt?: string;
}

/** An act as the finding rules measure it: when it is said to have happened (UTC) and, where a rule reads them, its place. */
interface ActPlace {
  readonly revision: number;
  /** The event's `occurredAt`, UTC. */
  readonly at: string;
  readonly recordedAt?: string;
  readonly policyVersion?: string;
  readonly jurisdiction?: string;
}

/**
 * The acts of a case whose time or place a finding rule reads, in stream order, with what of each the
 * case state does not keep (the state keeps the current referral, advice and decision; the rules weigh
 * every one).
 */
export type CaseAct = ActPlace &
  (
    | { readonly type: 'ReferredToDirector' | 'PolicyExplained' | 'ReferredToCounsel' | 'CaseClosed' | 'PatronsAttached' }
    | { readonly type: 'LegalInstrumentRecorded'; readonly instrumentId: string; readonly instrumentType: InstrumentType; readonly staffRecorded?: true }
    | { readonly type: 'ReleaseDecided'; readonly decision: ReleaseDecision }
    | { readonly type: 'CounselAdviceRecorded'; readonly advice: CounselAdvice; readonly filedAt?: string }
    | { readonly type: 'WarrantExecuted'; readonly instrumentId: string; readonly staffRecorded?: true }
    | { readonly type: 'RecordsProduced'; readonly instrumentTypes: readonly InstrumentType[]; readonly consentsNamed: number }
    | { readonly type: 'WellnessDisclosureMade'; readonly categories: readonly Category[]; readonly agency: string }
    | { readonly type: 'RecordsReleased'; readonly categories: readonly Category[] }
    | { readonly type: 'EarlierTimeConfirmed'; readonly act: MeasuredAct; readonly confirmedAt: string }
  );

export interface RecordedCase extends ExistingCase {
  /** The jurisdiction the case was opened under (its first event's metadata); absent: the default pack. */
  readonly jurisdiction?: JurisdictionId;
  /** The opening named no patron (a request about a resource or a transaction). */
  readonly openedWithoutPatron?: true;
  /** The library's zone recorded with a public-records request for statistics: its reply's business days are its days there. */
  readonly replyTimeZone?: string;
  /** How many consents naming the requester the opening's evaluation found (`request.consentIds`, none on a wellness check). */
  readonly consentsNamed: number;
  readonly acts: readonly CaseAct[];
}

/** What the finding rules read of an instrument on record. */
export type InstrumentForFindings = Pick<InstrumentOnRecord, 'instrumentId' | 'type' | 'returnDate' | 'servedAt' | 'jurisdiction' | 'timeZone' | 'recordedAt' | 'nondisclosureOrder' | 'nondisclosureEnded'>;

/** What the finding rules read of a recorded case: no patron identity, so that the views may keep it beside the case's row. */
export type CaseForFindings = Pick<
  RecordedCase,
  'caseId' | 'kind' | 'requesterKind' | 'ruleIds' | 'requestedCategories' | 'receivedAt' | 'sealed' | 'unsealedAt' | 'needToKnow' | 'objectionsFiledAt' | 'patronNotices' | 'jurisdiction' | 'openedWithoutPatron' | 'replyTimeZone' | 'consentsNamed' | 'acts'
> & { readonly instruments: readonly InstrumentForFindings[] };

/** The part of a recorded case the finding rules read (a copy, not a fold): what the cases table keeps for the findings. */
export function caseForFindingsOf(state: RecordedCase): CaseForFindings {
  const { caseId, kind, requesterKind, ruleIds, requestedCategories, receivedAt, sealed, unsealedAt, instruments, needToKnow, objectionsFiledAt, patronNotices, jurisdiction, openedWithoutPatron, replyTimeZone, consentsNamed, acts } = state;
  return {
    caseId,
    kind,
    requesterKind,
    ruleIds,
    requestedCategories,
    receivedAt,
    sealed,
    ...(unsealedAt !== undefined && { unsealedAt }),
    // Only what the rules read of each instrument (who issued it, its scope, its document stay in the case).
    instruments: instruments.map(({ instrumentId, type, returnDate, servedAt, jurisdiction, timeZone, recordedAt, nondisclosureOrder, nondisclosureEnded }) => ({
      instrumentId,
      type,
      ...(returnDate !== undefined && { returnDate }),
      servedAt,
      ...(jurisdiction !== undefined && { jurisdiction }),
      ...(timeZone !== undefined && { timeZone }),
      recordedAt,
      nondisclosureOrder,
      ...(nondisclosureEnded !== undefined && { nondisclosureEnded }),
    })),
    needToKnow,
    objectionsFiledAt,
    ...(patronNotices !== undefined && { patronNotices }),
    ...(jurisdiction !== undefined && { jurisdiction }),
    ...(openedWithoutPatron !== undefined && { openedWithoutPatron }),
    ...(replyTimeZone !== undefined && { replyTimeZone }),
    consentsNamed,
    acts,
  };
}

const OPENINGS = new Set<string>(['DisclosureRequested', 'WellnessCheckRequested']);

/** Pure: the recorded case after one more event of its stream (null: an event of a case whose opening was never seen). */
export function evolveRecordedCase(state: RecordedCase | null, at: CaseEventAt): RecordedCase | null {
  const { event } = at;
  if (state === null && !OPENINGS.has(event.type)) return null;
  const next = evolveCase(state ?? initialCaseState, event);
  if (!next.exists) return null;
  if (event.type === 'DisclosureRequested' || event.type === 'WellnessCheckRequested') {
    // The opening's metadata is read here only: the acts read theirs when a rule weighs it.
    const jurisdiction = at.jurisdiction;
    return {
      ...next,
      ...(jurisdiction !== undefined && isJurisdictionId(jurisdiction) && { jurisdiction }),
      ...(event.type === 'DisclosureRequested' && event.data.patron === undefined && { openedWithoutPatron: true as const }),
      ...(event.type === 'DisclosureRequested' && event.data.timeZone !== undefined && { replyTimeZone: event.data.timeZone }),
      consentsNamed: event.type === 'DisclosureRequested' ? event.data.evaluation.consentIds.length : 0,
      acts: [],
    };
  }
  const act = actOf(at);
  const recorded = next as RecordedCase;
  return act === null ? recorded : { ...recorded, acts: [...recorded.acts, act] };
}

/** Folds a case's events in stream order, as the views do (`places` gives each event's metadata, by revision). */
export function recordedCaseFrom(events: readonly CaseEvent[], places: (revision: number) => Omit<CaseEventAt, 'event' | 'revision'> = () => ({})): RecordedCase | null {
  return events.reduce<RecordedCase | null>((state, event, revision) => evolveRecordedCase(state, { event, revision: BigInt(revision), ...places(revision) }), null);
}

/** The act an event is, with the parts of its place the rules read (the metadata is read for those only). */
function actOf(eventAt: CaseEventAt): CaseAct | null {
  const { event } = eventAt;
  const revision = Number(eventAt.revision);
  const at = utc(event.data.occurredAt);
  const measured = () => ({
    revision,
    at,
    ...(eventAt.recordedAt !== undefined && { recordedAt: eventAt.recordedAt }),
    ...(eventAt.policyVersion !== undefined && { policyVersion: eventAt.policyVersion }),
  });
  const inPack = () => ({ revision, at, ...(eventAt.jurisdiction !== undefined && { jurisdiction: eventAt.jurisdiction }) });
  switch (event.type) {
    case 'ReferredToDirector':
    case 'PolicyExplained':
    case 'ReferredToCounsel':
    case 'CaseClosed':
      return { type: event.type, ...measured() };
    case 'PatronsAttached':
      return { type: event.type, revision, at };
    case 'LegalInstrumentRecorded':
      return {
        type: event.type,
        ...measured(),
        ...inPack(),
        instrumentId: event.data.instrumentId,
        instrumentType: event.data.type,
        ...(event.data.staffRecorded === true && { staffRecorded: true as const }),
      };
    case 'ReleaseDecided':
      return { type: event.type, ...measured(), decision: event.data.decision };
    case 'CounselAdviceRecorded': {
      const filedAt = objectionFiledAt(event);
      return { type: event.type, ...measured(), advice: event.data.advice, ...(filedAt !== undefined && { filedAt }) };
    }
    case 'WarrantExecuted':
      return { type: event.type, ...inPack(), instrumentId: event.data.instrumentId, ...(event.data.staffRecorded === true && { staffRecorded: true as const }) };
    case 'RecordsProduced':
      return {
        type: event.type,
        ...inPack(),
        ...(eventAt.policyVersion !== undefined && { policyVersion: eventAt.policyVersion }),
        instrumentTypes: event.data.instrumentTypes,
        consentsNamed: event.data.consentIds?.length ?? 0,
      };
    case 'WellnessDisclosureMade':
      return { type: event.type, ...inPack(), categories: event.data.categories, agency: event.data.agency };
    case 'RecordsReleased':
      return { type: event.type, ...inPack(), categories: event.data.categories };
    case 'EarlierTimeConfirmed':
      return { type: event.type, revision, at, act: event.data.act, confirmedAt: utc(event.data.confirmedAt) };
    default:
      return null;
  }
}

/**
 * The former second fold: the finding facts as they were folded from a case's events beside the case's
 * state until issue 28 item 5, kept verbatim (but for its names) as the reference the one fold is held
 * to (`findings-of-the-recorded-case.spec.ts`): the findings of the recorded case must be what this
 * fold's facts gave, for any history. Test code only; nothing in production reads it.
 */
import { isStatisticsRequest } from '../policy/public-records-reply.js';
import { objectionFiledAt } from '../case/case-deadlines.js';
import { isJurisdictionId, jurisdictionOfEvent } from '../policy/jurisdictions.js';
import { isBeforeThirdReading, isFirstReading } from '../policy/us-ct/policy-version.js';
import { utcInstant as utc } from '../support/iso-time.js';
import { finding, type Finding, type FindingFacts, isLawEnforcementRequest } from '../case/findings/case-findings.js';
import type { CaseEventAt } from '../case/recorded-case.js';

const DIRECTOR_ACTIONS = new Set(['ReferredToDirector', 'LegalInstrumentRecorded', 'PolicyExplained', 'ReferredToCounsel', 'ReleaseDecided']);

const earlier = (a: string | null, b: string) => (a === null || b < a ? b : a);

/**
 * When a finding measures an act: from the third reading, the later of when it is said to have happened
 * and when it was recorded, so that whoever is measured (a referral, advice, a decision) cannot make a
 * finding disappear by dating the act earlier. Events of earlier readings keep their `occurredAt`.
 */
function measuredAt(eventAt: CaseEventAt, occurredAt: string): string {
  const recordedAt = eventAt.recordedAt;
  if (recordedAt === undefined || isBeforeThirdReading(eventAt.policyVersion)) return occurredAt;
  const recorded = utc(recordedAt);
  return recorded > occurredAt ? recorded : occurredAt;
}

/** Pure: the finding facts of a case after one more event, as the former fold made them. */
export function evolveFormerFindingFacts(row: FindingFacts | null, eventAt: CaseEventAt): FindingFacts | null {
  const { event, revision } = eventAt;
  if (event.type === 'DisclosureRequested' || event.type === 'WellnessCheckRequested') {
    const wellness = event.type === 'WellnessCheckRequested';
    const rules = wellness ? [] : event.data.evaluation.rules.map((rule) => rule.id);
    return {
      caseId: event.data.caseId,
      kind: wellness ? 'wellness_check' : 'disclosure_request',
      requesterKind: wellness ? 'law_enforcement' : event.data.requester.kind,
      receivedAt: utc(event.data.receivedAt),
      reachedDirectorAt: null,
      closedAt: null,
      sealed: false,
      instruments: [],
      warrants: [],
      adviceAt: [],
      settled: [],
      writtenConsent: rules.includes('WRITTEN-CONSENT'),
      consentNamed: !wellness && event.data.evaluation.consentIds.length > 0,
      familyCard: rules.includes('FAMILY-CARD') && !rules.includes('WRITTEN-CONSENT'),
      needToKnow: [],
      ...(rules.includes('GOVERNMENT-REFER') && { governmentReferred: true as const }),
      ...(!wellness && isStatisticsRequest({ requesterKind: event.data.requester.kind, requestedCategories: event.data.requestedCategories }) && { statisticsRequest: true as const }),
      ...(!wellness && event.data.timeZone !== undefined && { replyTimeZone: event.data.timeZone }),
      ...(eventAt.jurisdiction !== undefined && isJurisdictionId(eventAt.jurisdiction) && { jurisdiction: eventAt.jurisdiction }),
      // A request about a resource or a transaction names nobody to tell until patrons are attached.
      ...(!wellness && event.data.patron === undefined && { patronless: true as const }),
    };
  }
  if (row === null) return null;
  const at = utc(event.data.occurredAt);
  // Read only for the acts a finding measures: the metadata of every event is not worth parsing.
  const measured = () => measuredAt(eventAt, at);
  let next: FindingFacts = DIRECTOR_ACTIONS.has(event.type) ? { ...row, reachedDirectorAt: earlier(row.reachedDirectorAt, measured()) } : row;
  // A finding an event settles is cited under the pack that event was decided under.
  const eventPack = () => jurisdictionOfEvent(eventAt.jurisdiction ?? next.jurisdiction);
  const settle = (entry: Finding) => (next = { ...next, settled: [...next.settled.filter((f) => f.findingId !== entry.findingId), entry] });
  switch (event.type) {
    case 'LegalInstrumentRecorded':
      if (!next.instruments.some((i) => i.instrumentId === event.data.instrumentId)) {
        const { instrumentId, type, returnDate, jurisdiction, servedAt, timeZone } = event.data;
        // The subpoena clocks run for instruments recorded under the third reading on.
        const clocks = isBeforeThirdReading(eventAt.policyVersion) ? {} : { subpoenaClocks: true as const, servedAt: utc(servedAt) };
        // The counsel-referral clock runs for instruments recorded under the rule pack that set it.
        const counselDue = isFirstReading(eventAt.policyVersion) ? {} : { counselDueFrom: at };
        next = { ...next, instruments: [...next.instruments, { instrumentId, type, returnDate: returnDate ? utc(returnDate) : null, recordedAt: at, ...counselDue, ...clocks, ...(jurisdiction !== undefined && { jurisdiction }), ...(timeZone !== undefined && { timeZone }) }] };
      }
      if (event.data.staffRecorded) {
        settle(
          finding('WARRANT-STAFF-RECORDED', next.caseId, event.data.instrumentId, at, `A ${event.data.type.replace(/_/g, ' ')} (${event.data.instrumentId}) was recorded by staff while no director or designee was there; the director reviews it.`, eventPack()),
        );
      }
      if (event.data.nondisclosureOrder) {
        const { unsealedAt: _lifted, ...sealed } = next;
        next = { ...sealed, sealed: true, gagOrders: [...(next.gagOrders ?? []), event.data.instrumentId] };
      }
      break;
    case 'NondisclosureEnded': {
      const gagOrders = (next.gagOrders ?? []).filter((instrumentId) => instrumentId !== event.data.instrumentId);
      next = gagOrders.length === 0 && next.sealed ? { ...next, gagOrders, sealed: false, unsealedAt: utc(event.data.endedAt) } : { ...next, gagOrders };
      break;
    }
    case 'PatronNotified':
      next = { ...next, patronNotified: true };
      break;
    case 'PatronsAttached': {
      const { patronless: _nobody, ...named } = next;
      next = named;
      break;
    }
    case 'WarrantExecuted': {
      const key = `${event.data.instrumentId}@${revision}`;
      if (event.data.staffRecorded) {
        settle(
          finding('WARRANT-STAFF-RECORDED', next.caseId, `r${revision}`, at, `A search warrant (${event.data.instrumentId}) was executed with staff only, no director or designee present; the director reviews it.`, eventPack()),
        );
      }
      if (!next.warrants.some((w) => w.key === key)) next = { ...next, warrants: [...next.warrants, { key, instrumentId: event.data.instrumentId, at }] };
      break;
    }
    case 'CounselAdviceRecorded': {
      next = { ...next, adviceAt: [...next.adviceAt, measured()].sort() };
      const filedAt = objectionFiledAt(event);
      if (filedAt !== undefined) next = { ...next, objectionsFiledAt: [...(next.objectionsFiledAt ?? []), filedAt].sort() };
      if (filedAt !== undefined && event.data.advice === 'object') next = { ...next, writtenObjectionsFiledAt: [...(next.writtenObjectionsFiledAt ?? []), filedAt].sort() };
      break;
    }
    case 'ReleaseDecided':
      if (event.data.decision === 'deny') next = { ...next, deniedAt: at };
      break;
    case 'ReferredToCounsel':
      next = { ...next, counselReferredAt: [...(next.counselReferredAt ?? []), measured()].sort() };
      break;
    case 'RecordsProduced': {
      next = { ...next, producedAt: [...(next.producedAt ?? []), at] };
      const types = event.data.instrumentTypes;
      // Under the first reading the evaluation's consents naming the officer are the only record of the
      // patron's permission; since the second, the production names the consents it relied on.
      const consented = (event.data.consentIds?.length ?? 0) > 0 || (isFirstReading(eventAt.policyVersion) && (next.writtenConsent || next.consentNamed === true));
      if (isLawEnforcementRequest(next) && !consented && !types.some((type) => eventPack().releaseDoors.instruments.includes(type))) {
        const named = types.length ? types.map((t) => t.replace(/_/g, ' ')).join(', ') : 'no instrument';
        settle(
          finding('LE-RELEASE-WITHOUT-COURT-ORDER', next.caseId, `r${revision}`, at, `Records were produced to law enforcement under ${named}, with neither a ${eventPack().releaseDoors.named} nor the patron's written consent.`, eventPack()),
        );
      }
      break;
    }
    case 'WellnessDisclosureMade':
      settle(finding('WELLNESS-DISCLOSURE', next.caseId, `r${revision}`, at, `${event.data.categories.join(', ')} disclosed to ${event.data.agency} for a wellness check; the director is told.`, eventPack()));
      break;
    case 'RecordsReleased':
      if (next.requesterKind === 'family_or_friend' && next.familyCard) {
        settle(
          finding('FAMILY-CARD-BASIS', next.caseId, `r${revision}`, at, `${event.data.categories.join(', ')} released to a friend or family member on possession of the patron's card (policy basis, not the statute's written permission).`, eventPack()),
        );
      }
      break;
    case 'CaseClosed':
      next = { ...next, closedAt: measured() };
      break;
    case 'EarlierTimeConfirmed': {
      // The Director confirmed the dated time: the act is measured from it again, and what the
      // recording time alone made late is withdrawn (the case timeline shows the confirmation).
      const confirmedAt = utc(event.data.confirmedAt);
      switch (event.data.act) {
        case 'director_referral':
          next = { ...next, reachedDirectorAt: earlier(next.reachedDirectorAt, confirmedAt) };
          break;
        case 'counsel_referral':
          next = { ...next, counselReferredAt: [...(next.counselReferredAt ?? []), confirmedAt].sort() };
          break;
        case 'counsel_advice':
          next = { ...next, adviceAt: [...next.adviceAt, confirmedAt].sort() };
          break;
        case 'release_decision':
          if (next.deniedAt === confirmedAt && next.closedAt !== null && confirmedAt < next.closedAt) next = { ...next, closedAt: confirmedAt };
          break;
      }
      break;
    }
    case 'NeedToKnowGranted':
      if (!next.needToKnow.includes(event.data.userId)) next = { ...next, needToKnow: [...next.needToKnow, event.data.userId] };
      break;
    default:
      break;
  }
  return next;
}

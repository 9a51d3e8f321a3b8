/**
 * A case's finding facts: what the finding rules (`case-findings.ts`) weigh, read from the recorded
 * case (`recorded-case.ts`), which the views fold once per event. Pure, and no fold of its own: the
 * readings of each act (when it counts as done, which clocks it runs, which pack cites it) are applied
 * here to the acts as the case recorded them.
 */
import { isStatisticsRequest } from '../../policy/public-records-reply.js';
import { jurisdictionOfEvent } from '../../policy/jurisdictions.js';
import { isBeforeThirdReading, isFirstReading } from '../../policy/us-ct/policy-version.js';
import { utcInstant as utc } from '../../support/iso-time.js';
import { nondisclosureInForce } from '../case.state.js';
import type { CaseAct, CaseForFindings } from '../recorded-case.js';
import { type CaseFindings, DEFAULT_COUNSEL_SLA_HOURS, finding, type Finding, type FindingFacts, findingsOfFacts, isLawEnforcementRequest } from './case-findings.js';

const DIRECTOR_ACTIONS = new Set<CaseAct['type']>(['ReferredToDirector', 'LegalInstrumentRecorded', 'PolicyExplained', 'ReferredToCounsel', 'ReleaseDecided']);

const earlier = (a: string | null, b: string) => (a === null || b < a ? b : a);

/**
 * When a finding measures an act: from the third reading, the later of when it is said to have happened
 * and when it was recorded, so that whoever is measured (a referral, advice, a decision) cannot make a
 * finding disappear by dating the act earlier. Acts of earlier readings keep their `occurredAt`.
 */
function measuredAt(act: CaseAct): string {
  const { recordedAt, at } = act;
  if (recordedAt === undefined || isBeforeThirdReading(act.policyVersion)) return at;
  const recorded = utc(recordedAt);
  return recorded > at ? recorded : at;
}

/** The acts the Director confirmed the dated time of: measured from it again (the case timeline shows the confirmation). */
const confirmed = (acts: readonly CaseAct[], which: string) => acts.flatMap((act) => (act.type === 'EarlierTimeConfirmed' && act.act === which ? [act.confirmedAt] : []));

/** Pure: the finding facts of a recorded case. */
export function findingFactsOf(state: CaseForFindings): FindingFacts {
  const { acts } = state;
  const wellness = state.kind === 'wellness_check';
  const rules = state.ruleIds;
  const writtenConsent = rules.includes('WRITTEN-CONSENT');
  const consentNamed = !wellness && state.consentsNamed > 0;
  const familyCard = rules.includes('FAMILY-CARD') && !writtenConsent;
  const governmentReferred = rules.includes('GOVERNMENT-REFER');
  const base = {
    caseId: state.caseId,
    kind: state.kind,
    requesterKind: state.requesterKind,
    ...(governmentReferred && { governmentReferred: true as const }),
    ...(state.jurisdiction !== undefined && { jurisdiction: state.jurisdiction }),
  };

  let reachedDirectorAt: string | null = null;
  for (const act of acts) if (DIRECTOR_ACTIONS.has(act.type)) reachedDirectorAt = earlier(reachedDirectorAt, measuredAt(act));
  for (const at of confirmed(acts, 'director_referral')) reachedDirectorAt = earlier(reachedDirectorAt, at);

  // A deny decision closes the case: its confirmed time closes it, if earlier than the closing as recorded.
  let closedAt: string | null = null;
  let deniedAt: string | undefined;
  for (const act of acts) {
    if (act.type === 'ReleaseDecided' && act.decision === 'deny') deniedAt = act.at;
    else if (act.type === 'CaseClosed') closedAt = measuredAt(act);
    else if (act.type === 'EarlierTimeConfirmed' && act.act === 'release_decision' && deniedAt === act.confirmedAt && closedAt !== null && act.confirmedAt < closedAt) closedAt = act.confirmedAt;
  }

  const instruments: FindingFacts['instruments'][number][] = [];
  for (const instrument of state.instruments) {
    if (instruments.some((known) => known.instrumentId === instrument.instrumentId)) continue;
    const recording = acts.find((act) => act.type === 'LegalInstrumentRecorded' && act.instrumentId === instrument.instrumentId);
    const at = utc(instrument.recordedAt);
    // The subpoena clocks run for instruments recorded under the third reading on; the counsel-referral
    // clock for instruments recorded under the rule pack that set it.
    const clocks = isBeforeThirdReading(recording?.policyVersion) ? {} : { subpoenaClocks: true as const, servedAt: utc(instrument.servedAt) };
    const counselDue = isFirstReading(recording?.policyVersion) ? {} : { counselDueFrom: at };
    instruments.push({
      instrumentId: instrument.instrumentId,
      type: instrument.type,
      returnDate: instrument.returnDate ? utc(instrument.returnDate) : null,
      recordedAt: at,
      ...counselDue,
      ...clocks,
      ...(instrument.jurisdiction !== undefined && { jurisdiction: instrument.jurisdiction }),
      ...(instrument.timeZone !== undefined && { timeZone: instrument.timeZone }),
    });
  }

  const counselReferredAt = [...acts.filter((act) => act.type === 'ReferredToCounsel').map(measuredAt), ...confirmed(acts, 'counsel_referral')].sort();
  const adviceAt = [...acts.filter((act) => act.type === 'CounselAdviceRecorded').map(measuredAt), ...confirmed(acts, 'counsel_advice')].sort();
  const writtenObjectionsFiledAt = acts.flatMap((act) => (act.type === 'CounselAdviceRecorded' && act.advice === 'object' && act.filedAt !== undefined ? [act.filedAt] : [])).sort();
  const producedAt = acts.flatMap((act) => (act.type === 'RecordsProduced' ? [act.at] : []));
  const warrants: { key: string; instrumentId: string; at: string }[] = [];
  for (const act of acts) {
    const key = act.type === 'WarrantExecuted' ? `${act.instrumentId}@${act.revision}` : null;
    if (act.type === 'WarrantExecuted' && !warrants.some((warrant) => warrant.key === key)) warrants.push({ key: key!, instrumentId: act.instrumentId, at: act.at });
  }
  const gagOrders = state.instruments.filter(nondisclosureInForce).map((instrument) => instrument.instrumentId);
  const patronless = !wellness && state.openedWithoutPatron === true && !acts.some((act) => act.type === 'PatronsAttached');

  const facts: Omit<FindingFacts, 'settled'> = {
    ...base,
    receivedAt: utc(state.receivedAt),
    reachedDirectorAt,
    closedAt,
    sealed: state.sealed,
    instruments,
    warrants,
    adviceAt,
    ...(counselReferredAt.length > 0 && { counselReferredAt }),
    ...(state.objectionsFiledAt.length > 0 && { objectionsFiledAt: state.objectionsFiledAt }),
    ...(writtenObjectionsFiledAt.length > 0 && { writtenObjectionsFiledAt }),
    ...(producedAt.length > 0 && { producedAt }),
    ...(gagOrders.length > 0 || state.sealed || state.unsealedAt !== undefined ? { gagOrders } : {}),
    ...(state.unsealedAt !== undefined && !state.sealed && { unsealedAt: utc(state.unsealedAt) }),
    ...((state.patronNotices?.length ?? 0) > 0 && { patronNotified: true as const }),
    ...(patronless && { patronless: true as const }),
    ...(!wellness && isStatisticsRequest({ requesterKind: state.requesterKind, requestedCategories: state.requestedCategories }) && { statisticsRequest: true as const }),
    ...(state.replyTimeZone !== undefined && { replyTimeZone: state.replyTimeZone }),
    writtenConsent,
    consentNamed,
    familyCard,
    ...(deniedAt !== undefined && { deniedAt }),
    needToKnow: state.needToKnow,
  };
  return { ...facts, settled: settledFindings(state, facts) };
}

/**
 * The findings an act settles for good (productions, wellness disclosures, family releases, what staff
 * recorded alone), each cited under the pack that act was decided under and only where that pack
 * lists the rule. A later act of the same finding replaces the earlier one.
 */
function settledFindings(state: CaseForFindings, facts: Omit<FindingFacts, 'settled'>): Finding[] {
  let settled: Finding[] = [];
  const { caseId } = facts;
  for (const act of state.acts) {
    if (act.type !== 'LegalInstrumentRecorded' && act.type !== 'WarrantExecuted' && act.type !== 'RecordsProduced' && act.type !== 'WellnessDisclosureMade' && act.type !== 'RecordsReleased') continue;
    const pack = jurisdictionOfEvent(act.jurisdiction ?? facts.jurisdiction);
    const settle = (entry: Finding) => {
      if (pack.findingRules.includes(entry.rule)) settled = [...settled.filter((f) => f.findingId !== entry.findingId), entry];
    };
    switch (act.type) {
      case 'LegalInstrumentRecorded':
        if (act.staffRecorded) {
          settle(finding('WARRANT-STAFF-RECORDED', caseId, act.instrumentId, act.at, `A ${act.instrumentType.replace(/_/g, ' ')} (${act.instrumentId}) was recorded by staff while no director or designee was there; the director reviews it.`, pack));
        }
        break;
      case 'WarrantExecuted':
        if (act.staffRecorded) {
          settle(finding('WARRANT-STAFF-RECORDED', caseId, `r${act.revision}`, act.at, `A search warrant (${act.instrumentId}) was executed with staff only, no director or designee present; the director reviews it.`, pack));
        }
        break;
      case 'RecordsProduced': {
        const types = act.instrumentTypes;
        // Under the first reading the evaluation's consents naming the officer are the only record of the
        // patron's permission; since the second, the production names the consents it relied on.
        const consented = act.consentsNamed > 0 || (isFirstReading(act.policyVersion) && (facts.writtenConsent || facts.consentNamed === true));
        if (isLawEnforcementRequest(facts) && !consented && !types.some((type) => pack.releaseDoors.instruments.includes(type))) {
          const named = types.length ? types.map((t) => t.replace(/_/g, ' ')).join(', ') : 'no instrument';
          settle(finding('LE-RELEASE-WITHOUT-COURT-ORDER', caseId, `r${act.revision}`, act.at, `Records were produced to law enforcement under ${named}, with neither a ${pack.releaseDoors.named} nor the patron's written consent.`, pack));
        }
        break;
      }
      case 'WellnessDisclosureMade':
        settle(finding('WELLNESS-DISCLOSURE', caseId, `r${act.revision}`, act.at, `${act.categories.join(', ')} disclosed to ${act.agency} for a wellness check; the director is told.`, pack));
        break;
      case 'RecordsReleased':
        if (facts.requesterKind === 'family_or_friend' && facts.familyCard) {
          settle(finding('FAMILY-CARD-BASIS', caseId, `r${act.revision}`, act.at, `${act.categories.join(', ')} released to a friend or family member on possession of the patron's card (policy basis, not the statute's written permission).`, pack));
        }
        break;
    }
  }
  return settled;
}

/** Pure: the findings of a recorded case, given the referral SLA. Time-based rules yield `due` entries while unresolved. */
export function findingsOf(state: CaseForFindings, referralSlaMinutes: number, counselSlaHours: number = DEFAULT_COUNSEL_SLA_HOURS): CaseFindings {
  return findingsOfFacts(findingFactsOf(state), referralSlaMinutes, counselSlaHours);
}

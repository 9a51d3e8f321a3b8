/**
 * Realistic case histories for view specs, made by the real deciders (so every event is one the
 * ledger could hold), each case renamed and laid out on `$all` positions as the runner would see them.
 */
import { DEFAULT_JURISDICTION, type CaseEvent, type PatronStanding } from '@ledger/domain';
import {
  adviseCounsel,
  decideRelease,
  director,
  executeWarrant,
  explainPolicy,
  given,
  grantNeedToKnow,
  openCase,
  openLawEnforcementCase,
  produce,
  recordInstrument,
  referToCounsel,
  referToDirector,
  refuse,
  release,
  wellnessCheck,
  auditor,
  withPatron,
} from '../../../domain/src/testing/case-fixtures.js';
import type { ProjectedEvent } from '../runner/projection.js';

/** A history built by the fixtures (case `case-1`) as the events of another case. */
export function renamed(events: readonly CaseEvent[], caseId: string): CaseEvent[] {
  return events.map((event) => ({ ...event, data: { ...event.data, caseId } }) as CaseEvent);
}

/** The patron's written permission for the officer: the statute's second door for the subpoena case. */
export const OFFICER_CONSENT: PatronStanding = {
  cardReportedLost: false,
  consents: [{ consentId: 'c-officer', grantee: 'Officer Dibble', categories: ['circulation_history'], givenAt: '2025-03-03T10:30:00.000Z' }],
};

/** Case id → its events, in stream order. */
export function caseHistories(): Record<string, CaseEvent[]> {
  return {
    // A patron at the desk with their card, released.
    'case-patron': renamed(given(openCase({ requestedCategories: ['checkouts', 'holds'] }), release(['checkouts', 'holds'])).history, 'case-patron'),
    // A friend with the patron's card: FAMILY-CARD, released.
    'case-family': renamed(
      given(openCase({ kind: 'family_or_friend', name: 'Bo Lee', purpose: 'renew books', requestedCategories: ['checkouts'] }), release(['checkouts'])).history,
      'case-family',
    ),
    // Law enforcement under a subpoena, counsel advises compliance, records produced on the patron's written permission.
    'case-le-subpoena': renamed(
      given(
        openLawEnforcementCase(['circulation_history']),
        referToDirector(),
        recordInstrument(['circulation_history'], { instrumentType: 'subpoena', returnDate: '2025-03-20T17:00:00.000Z' }),
        referToCounsel(),
        adviseCounsel('comply'),
        { command: decideRelease('release'), context: withPatron(OFFICER_CONSENT) },
        { command: produce(['circulation_history']), context: withPatron(OFFICER_CONSENT) },
      ).history,
      'case-le-subpoena',
    ),
    // Law enforcement without an instrument: the policy is explained.
    'case-le-explained': renamed(given(openLawEnforcementCase(), referToDirector(), explainPolicy()).history, 'case-le-explained'),
    // Law enforcement with a gag order, still with counsel; an auditor is granted need-to-know.
    'case-le-sealed': renamed(
      given(
        openLawEnforcementCase(['name']),
        referToDirector(),
        recordInstrument(['name'], { instrumentId: 'ins-gag', instrumentType: 'court_order', nondisclosureOrder: true, returnDate: '2025-03-10T12:00:00.000Z' }),
        referToCounsel(),
        grantNeedToKnow(auditor.userId),
      ).history,
      'case-le-sealed',
    ),
    // A search warrant executed on the spot; nobody has consulted counsel.
    'case-le-warrant': renamed(
      given(
        openLawEnforcementCase(['circulation_history']),
        referToDirector(),
        recordInstrument(['circulation_history'], { instrumentId: 'ins-w', instrumentType: 'search_warrant' }),
        executeWarrant(['circulation_history'], director),
      ).history,
      'case-le-warrant',
    ),
    // Law enforcement, still at the desk: never referred.
    'case-le-waiting': renamed(given(openLawEnforcementCase()).history, 'case-le-waiting'),
    // A wellness check.
    'case-wellness': renamed(given(wellnessCheck(['name', 'phone'])).history, 'case-wellness'),
    // A public-records request, refused.
    'case-foia': renamed(given(openCase({ kind: 'public_records', name: 'Reporter', ids: [], channel: 'email' }), refuse()).history, 'case-foia'),
  };
}

/** Every case's events interleaved round-robin on `$all`, as ProjectedEvents with positions from 1. */
export function projectedHistory(
  histories: Record<string, CaseEvent[]> = caseHistories(),
  policyVersion: string = DEFAULT_JURISDICTION.policyVersion,
  recordedAtOf: (event: CaseEvent) => string | undefined = () => undefined,
): ProjectedEvent[] {
  const streams = Object.values(histories).map((events) => events.map((event, revision) => ({ event, revision })));
  const out: ProjectedEvent[] = [];
  for (let round = 0; streams.some((stream) => round < stream.length); round++) {
    for (const stream of streams) {
      const entry = stream[round];
      if (!entry) continue;
      out.push({
        stream: `case-${entry.event.data.caseId}`,
        revision: BigInt(entry.revision),
        position: BigInt(out.length + 1),
        type: entry.event.type,
        data: entry.event.data,
        metadata: { policyVersion, ...(recordedAtOf(entry.event) !== undefined && { recordedAt: recordedAtOf(entry.event) }) },
        recordedAt: new Date('2025-03-03T12:00:00.000Z'),
      });
    }
  }
  return out;
}

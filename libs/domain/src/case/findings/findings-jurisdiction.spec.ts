import { type CaseDecisionContext, type CaseEvent, JURISDICTION_PACKS } from '@ledger/domain';
import { findingFactsOf, findingsOf, findingsOfFacts, type FindingFacts, publicRecordsReplyDeadlineOf, recordedCaseFrom } from '@ledger/domain';
import {
  adviseCounsel,
  decideRelease,
  defaultContext,
  given,
  openLawEnforcementCase,
  openStatisticsRequest,
  produce,
  recordInstrument,
  referToCounsel,
  referToDirector,
} from '../../testing/case-fixtures.js';

const newYork = JURISDICTION_PACKS['us-ny'];
const connecticut = JURISDICTION_PACKS['us-ct'];

/** A production under a subpoena alone, as New York's pack allows it. */
function subpoenaProducedInNewYork(): CaseEvent[] {
  const context: CaseDecisionContext = { ...defaultContext, jurisdiction: newYork };
  const steps = [openLawEnforcementCase(), referToDirector(), recordInstrument(['name'], { instrumentType: 'subpoena' }), referToCounsel(), adviseCounsel('comply'), decideRelease('release'), produce(['name'])];
  return given(...steps.map((command) => ({ command, context }))).history;
}

/** The finding facts of `events`, each event read as decided under `jurisdiction` (its metadata; `undefined`: recorded before packs were named). */
function factsUnder(events: readonly CaseEvent[], jurisdiction: string | undefined): FindingFacts {
  return findingFactsOf(recordedCaseFrom(events, () => (jurisdiction === undefined ? {} : { jurisdiction }))!);
}

describe('findings read the jurisdiction of each event', () => {
  const events = subpoenaProducedInNewYork();

  it('given a production on a subpoena alone, when it was decided under New York law, then no LE-RELEASE-WITHOUT-COURT-ORDER', () => {
    const facts = factsUnder(events, 'us-ny');
    expect(facts.jurisdiction).toBe('us-ny');
    expect(facts.settled.map((finding) => finding.rule)).not.toContain('LE-RELEASE-WITHOUT-COURT-ORDER');
  });

  it('given the same events read as Connecticut\u2019s (no jurisdiction in their metadata), then the production is LE-RELEASE-WITHOUT-COURT-ORDER, cited under CGS', () => {
    const facts = factsUnder(events, undefined);
    expect(facts.settled).toContainEqual(
      expect.objectContaining({ rule: 'LE-RELEASE-WITHOUT-COURT-ORDER', citation: connecticut.findingCitations['LE-RELEASE-WITHOUT-COURT-ORDER'] }),
    );
  });

  it('cites the time-based findings of a New York case under New York law', () => {
    const opened = factsUnder(events.slice(0, 1), 'us-ny');
    const { due } = findingsOfFacts(opened, 60);
    expect(due).toContainEqual(expect.objectContaining({ rule: 'LE-REFERRAL-LATE', citation: newYork.findingCitations['LE-REFERRAL-LATE'] }));
    expect(newYork.findingCitations['LE-REFERRAL-LATE']).toMatch(/CPLR § 4509$/);
  });
});

describe('each pack lists the finding rules that apply under it', () => {
  const opened = (jurisdiction: typeof newYork) => given({ command: openStatisticsRequest(), context: { ...defaultContext, jurisdiction } }).history;
  const recorded = (jurisdiction: typeof newYork) => recordedCaseFrom(opened(jurisdiction), () => ({ jurisdiction: jurisdiction.id }))!;
  const ruled = (jurisdiction: typeof newYork) => {
    const { findings, due } = findingsOf(recorded(jurisdiction), 60);
    return [...findings, ...due].map((finding) => finding.rule);
  };

  it('given a public-records request for statistics opened under Connecticut law, then its four business days run as FOI-REPLY-LATE (CGS § 1-206(a))', () => {
    expect(connecticut.findingRules).toContain('FOI-REPLY-LATE');
    expect(ruled(connecticut)).toEqual(['FOI-REPLY-LATE']);
  });

  it('given the same request opened under New York law, whose pack does not list FOI-REPLY-LATE (Connecticut\u2019s clock), then no finding; the reply date stays the director\u2019s reminder', () => {
    expect(newYork.findingRules).not.toContain('FOI-REPLY-LATE');
    expect(ruled(newYork)).toEqual([]);
    expect(publicRecordsReplyDeadlineOf(recorded(newYork))).not.toBeNull();
  });
});

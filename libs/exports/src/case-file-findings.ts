import { type CaseEvent, type CaseEventAt, caseForFindingsOf, DEFAULT_COUNSEL_SLA_HOURS, evolveRecordedCase, type Finding, findingsOf, type RecordedCase, type RecordedMetadata } from '@ledger/domain';

/**
 * The server's settings the finding rules read that are not in the case's events: carried in the case
 * file (`findingSettings`) so that `verify-file` can derive the findings again. The jurisdiction each
 * event was decided under is in its own metadata, which the file's stored bytes carry.
 */
export interface FindingSettings {
  /** `LEDGER_REFERRAL_SLA_MINUTES`: a law-enforcement request must reach the director within it. */
  readonly referralSlaMinutes: number;
  /** `LEDGER_COUNSEL_SLA_HOURS`: an instrument on record must be referred to counsel within it. */
  readonly counselSlaHours: number;
}

/** The settings as the server's configuration holds them (the views' findings are made with the same). */
export function findingSettingsOf(config: { readonly referralSlaMinutes: number; readonly counselSlaHours?: number }): FindingSettings {
  return { referralSlaMinutes: config.referralSlaMinutes, counselSlaHours: config.counselSlaHours ?? DEFAULT_COUNSEL_SLA_HOURS };
}

/** Rules found on other streams than the case's: the case's events cannot give them, so a case file shows them as the views hold them, unchecked. */
export { OTHER_STREAM_FINDING_RULES } from '@ledger/domain';

/** A case event with the metadata the finding rules read (its pack, its jurisdiction, when it was recorded). */
export interface CaseEventWithMetadata {
  readonly event: CaseEvent;
  readonly revision: bigint;
  readonly metadata: RecordedMetadata;
}

/**
 * The findings that rest on the case's own events as of `asOf`: the domain's rules (`findingsOf`) of the
 * recorded case (`evolveRecordedCase`) folded over the events as the views fold them, with the findings whose moment has passed
 * by `asOf` (what the views' findings clock makes of them), newest first as the views list them.
 */
export function caseStreamFindings(events: readonly CaseEventWithMetadata[], settings: FindingSettings, asOf: string): Finding[] {
  const state = events.reduce<RecordedCase | null>((folded, { event, revision, metadata }) => evolveRecordedCase(folded, eventAt(event, revision, metadata)), null);
  if (state === null) return [];
  const { findings, due } = findingsOf(caseForFindingsOf(state), settings.referralSlaMinutes, settings.counselSlaHours);
  return newestFirst([...findings, ...due.filter((entry) => entry.detectedAt <= asOf)]);
}

/** As the views list a case's findings: by the moment each became true, then by id, newest first. */
export function newestFirst<F extends { readonly detectedAt: string; readonly findingId?: string }>(findings: readonly F[]): F[] {
  const key = (entry: F) => `${entry.detectedAt}\u0000${entry.findingId ?? ''}`;
  return [...findings].sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0));
}

function eventAt(event: CaseEvent, revision: bigint, metadata: RecordedMetadata): CaseEventAt {
  return {
    event,
    revision,
    ...(metadata.policyVersion !== undefined && { policyVersion: metadata.policyVersion }),
    ...(metadata.jurisdiction !== undefined && { jurisdiction: metadata.jurisdiction }),
    ...(metadata.recordedAt !== undefined && { recordedAt: metadata.recordedAt }),
  };
}

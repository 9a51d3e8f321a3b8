/**
 * The rule pack in force: the board-approved policy text (revised July 10, 2024) and this pack's
 * reading of it. `.2` is the second reading (the statute's two doors, counsel before any action on an
 * instrument, approved vendors, wellness checks only on an immediate threat…). Every event carries the
 * version it was decided under, and views read it from there. `.3` is the third reading: the statute's
 * door per category and per instrument, government agents to the Director (GOVERNMENT-REFER), releases
 * that weigh again what changed since opening, step 3 for requests that are neither subpoena nor court
 * order, the newsletter service, and corrected citations.
 */
export const POLICY_VERSION = '2024-07-10.3';

/** Versions before the second reading; events recorded under them keep the meaning they had. */
export const FIRST_READING_POLICY_VERSIONS: readonly string[] = ['2024-07-10'];

/** Versions before the third reading: instruments recorded under them run none of its clocks (SUBPOENA-UNANSWERED, OBJECTION-LATE). */
export const BEFORE_THIRD_READING_POLICY_VERSIONS: readonly string[] = [...FIRST_READING_POLICY_VERSIONS, '2024-07-10.2'];

/** Whether an event was decided before the third reading of the rule pack (unversioned events count as such). */
export function isBeforeThirdReading(policyVersion: string | undefined): boolean {
  return policyVersion === undefined || BEFORE_THIRD_READING_POLICY_VERSIONS.includes(policyVersion);
}

/** Whether an event was decided under the first reading of the rule pack (unversioned events count as such). */
export function isFirstReading(policyVersion: string | undefined): boolean {
  return policyVersion === undefined || FIRST_READING_POLICY_VERSIONS.includes(policyVersion);
}

import { Matches } from 'class-validator';
import { NotFound } from '@ledger/domain';

/** Case ids are made by the server (`randomUUID`): anything else cannot name a case. */
const CASE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isCaseId(value: string): boolean {
  return CASE_ID.test(value);
}

/**
 * 404 for anything that cannot name a case, before it reaches a stream name. The answer never
 * repeats what was sent: a card number typed where a case id goes must not come back (or be logged).
 */
export function assertCaseIdShape(caseId: string): void {
  if (!isCaseId(caseId)) throw new NotFound('No such case');
}

/** A query filter naming a case: 400 unless it could be a case id (and so never recorded as typed). */
export const IsCaseId = () => Matches(CASE_ID, { message: ({ property }) => `${property} must be a case id (a UUID, as the server made it)` });

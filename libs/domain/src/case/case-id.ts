import { NotFound } from '../shared/errors.js';

/** Case ids are made by the server (`randomUUID`): anything else cannot name a case. */
export const CASE_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isCaseId(value: string): boolean {
  return CASE_ID_PATTERN.test(value);
}

/**
 * 404 for anything that cannot name a case, before it reaches a stream name. The answer never
 * repeats what was sent: a card number typed where a case id goes must not come back (or be logged).
 */
export function assertCaseIdShape(caseId: string): void {
  if (!isCaseId(caseId)) throw new NotFound('No such case');
}

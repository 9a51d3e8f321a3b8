import { Matches } from 'class-validator';
import { CASE_ID_PATTERN } from '@ledger/domain';

/** A query filter naming a case: 400 unless it could be a case id (and so never recorded as typed). */
export const IsCaseId = () => Matches(CASE_ID_PATTERN, { message: ({ property }) => `${property} must be a case id (a UUID, as the server made it)` });

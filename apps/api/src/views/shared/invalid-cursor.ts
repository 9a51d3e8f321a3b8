import { InvalidCursorError } from '@ledger/projections';
import { RequestValidationError } from '../../http/validation.js';

/** Runs a view query; a cursor the server did not make is a 400. */
export function withCursor<T>(query: () => T): T {
  try {
    return query();
  } catch (error) {
    if (error instanceof InvalidCursorError) throw new RequestValidationError([{ field: 'cursor', messages: [error.message] }]);
    throw error;
  }
}

import { BadRequestException } from '@nestjs/common';
import { InvalidCursorError } from '@ledger/projections';

/** Runs a view query; a cursor the server did not make is a 400. */
export function withCursor<T>(query: () => T): T {
  try {
    return query();
  } catch (error) {
    if (error instanceof InvalidCursorError) throw new BadRequestException(error.message);
    throw error;
  }
}

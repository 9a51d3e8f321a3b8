import { BadRequestException, ParseUUIDPipe, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldError } from './problem-details.js';

/** A 400 that carries every failed field. */
export class RequestValidationError extends BadRequestException {
  constructor(readonly fieldErrors: FieldError[]) {
    super('The request is not valid');
  }
}

/**
 * A field name the client made up is repeated back only when it reads like a field name: a card
 * number sent as a query parameter's name must not come back in the answer.
 */
const PLAUSIBLE_FIELD_NAME = /^(?!.*\d{4})[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** The name to show for a field the client named. */
export function shownFieldName(name: string): string {
  return PLAUSIBLE_FIELD_NAME.test(name) ? name : '(unknown field)';
}

function flatten(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const unknown = error.constraints?.whitelistValidation !== undefined;
    const name = unknown ? shownFieldName(error.property) : error.property;
    const field = parent ? `${parent}.${name}` : name;
    const messages = unknown ? [`${name === error.property ? name : 'this field'} is not an accepted field`] : Object.values(error.constraints ?? {});
    const own: FieldError[] = error.constraints ? [{ field, messages }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Whitelisted DTOs: unknown fields are an error, not silently dropped. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationError(flatten(errors)),
  });
}

/** A path parameter that must be a server-made id: 400 with the parameter in `errors[]` otherwise. */
export function idParam(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({ exceptionFactory: () => new RequestValidationError([{ field: name, messages: [`${name} must be an id (a UUID)`] }]) });
}

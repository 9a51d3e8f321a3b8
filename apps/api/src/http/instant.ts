import { parseInstant } from '@ledger/domain';
import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';

/** An ISO 8601 instant as the ledger accepts it everywhere (see `parseInstant`). */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value: unknown) => parseInstant(value) !== null,
        defaultMessage: ({ property }: ValidationArguments) =>
          `${property} must be an ISO 8601 date or date-time with Z or an offset (e.g. 2026-03-01T09:30:00Z), a real calendar date in years 0000–9999`,
      },
    },
    options,
  );
}

/** The end of a period may not come before its start (both optional; checked only when both are valid). */
export function NotBefore(startProperty: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'notBefore',
      constraints: [startProperty],
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => {
          const end = parseInstant(value);
          const start = parseInstant((args?.object as Record<string, unknown> | undefined)?.[startProperty]);
          return end === null || start === null || start <= end;
        },
        defaultMessage: ({ property }: ValidationArguments) => `${property} may not be before ${startProperty}`,
      },
    },
    options,
  );
}

import { codePointLength } from '@ledger/domain';
import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';

// Line breaks and tabs: a name, an agency or a reference is one line (a second one garbles the PDF and
// the register's columns, and can push a forged line under a real one).
const LINE_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/;

function text(name: string, min: number, max: number, singleLine: boolean, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name,
      constraints: [min, max],
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string') return false;
          const length = codePointLength(value);
          return length >= min && length <= max && !(singleLine && LINE_BREAKS.test(value));
        },
        defaultMessage: ({ property }: ValidationArguments) =>
          `${property} must be text of ${min} to ${max} characters${singleLine ? ' on one line' : ''}`,
      },
    },
    options,
  );
}

/** One line of text: names, agencies, grantees, references (lengths in code points). */
export const SingleLine = (min: number, max: number, options?: ValidationOptions) => text('singleLine', min, max, true, options);

/** Free text that may run over several lines: notes, reasons, purposes, rationales, inventories. */
export const MultiLine = (min: number, max: number, options?: ValidationOptions) => text('multiLine', min, max, false, options);

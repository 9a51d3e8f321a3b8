import { NAME_MAX, TEXT_MAX } from '../shared/field-limits.js';
import { assertCategoryList } from '../support/category-sets.js';
import { assertBoolean, assertOneOf, assertOptionalText, assertText } from '../support/command-checks.js';
import { instantOf } from '../support/iso-time.js';

/**
 * The shape of a command's own fields, declared once (`CASE_COMMAND_FIELDS`): the domain's parsers check a
 * command against it, and the HTTP edge makes the request DTO's class-validator rules and OpenAPI schema from the same
 * declaration (`apps/api/src/http/command-field.decorator.ts`). What a field may hold is said here and
 * only here; rules between fields (a scope required for `comply_in_part`) stay in the parsers.
 */
export type CommandField =
  /** Text on one line (names, ids), 1 to `max` characters. */
  | { readonly kind: 'line'; readonly max: number; readonly optional: boolean }
  /** Text that may span lines (notes, reasons), 1 to `max` characters. */
  | { readonly kind: 'text'; readonly max: number; readonly optional: boolean }
  | { readonly kind: 'oneOf'; readonly values: readonly string[]; readonly optional: boolean }
  /** A list of record categories: 1 to all of them, no repeats. */
  | { readonly kind: 'categories'; readonly optional: boolean }
  /** An ISO 8601 instant. */
  | { readonly kind: 'instant'; readonly optional: boolean }
  | { readonly kind: 'boolean'; readonly optional: boolean };

const line = (max = NAME_MAX) => ({ kind: 'line', max, optional: false }) as const;
const text = (max = TEXT_MAX) => ({ kind: 'text', max, optional: false }) as const;
const oneOf = <T extends string>(values: readonly T[]) => ({ kind: 'oneOf', values, optional: false }) as const;
const categories = () => ({ kind: 'categories', optional: false }) as const;
const instant = () => ({ kind: 'instant', optional: false }) as const;
const boolean = () => ({ kind: 'boolean', optional: false }) as const;
const optional = <F extends CommandField>(field: F) => ({ ...field, optional: true }) as const;

/** The kinds of field a command declares (`CASE_COMMAND_FIELDS` in `case.commands.ts`). */
export const commandField = { line, text, oneOf, categories, instant, boolean, optional } as const;

/** Checks each declared field of a command (an `InvalidCommand`, 400, naming the first that fails). */
export function parseDeclaredFields(command: object, fields: Readonly<Record<string, CommandField>>): void {
  const values = command as Readonly<Record<string, unknown>>;
  for (const [name, field] of Object.entries(fields)) {
    const value = values[name];
    if (field.optional && value === undefined) continue;
    switch (field.kind) {
      case 'line':
      case 'text':
        // Given, an optional text holds something, as a required one does: an empty note is no note.
        if (field.optional && value !== '') assertOptionalText(value, name, field.max);
        else assertText(value, name, field.max);
        break;
      case 'oneOf':
        assertOneOf(value, field.values, name);
        break;
      case 'categories':
        assertCategoryList(value as readonly unknown[] | undefined, name);
        break;
      case 'instant':
        instantOf(value as string, name);
        break;
      case 'boolean':
        assertBoolean(value, name);
        break;
    }
  }
}

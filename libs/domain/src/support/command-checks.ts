import { InvalidCommand } from '../shared/errors.js';
import { NAME_MAX, TEXT_MAX } from '../shared/field-limits.js';

/** Characters as people count them: Unicode code points, not UTF-16 units (an emoji is one). */
export function codePointLength(value: string): number {
  let length = 0;
  for (const _ of value) length += 1;
  return length;
}

export function assertText(value: unknown, field: string, max = NAME_MAX): asserts value is string {
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidCommand(`${field} is required`, field);
  if (codePointLength(value) > max) throw new InvalidCommand(`${field} may hold at most ${max} characters`, field);
}

export function assertOptionalText(value: unknown, field: string, max = TEXT_MAX): void {
  if (value === undefined) return;
  if (typeof value !== 'string') throw new InvalidCommand(`${field} must be text`, field);
  if (codePointLength(value) > max) throw new InvalidCommand(`${field} may hold at most ${max} characters`, field);
}

export function assertOneOf<T extends string>(value: unknown, values: readonly T[], field: string): asserts value is T {
  if (!(values as readonly unknown[]).includes(value)) {
    throw new InvalidCommand(`${field} must be one of ${values.join(', ')}`, field);
  }
}

export function assertBoolean(value: unknown, field: string): asserts value is boolean {
  if (typeof value !== 'boolean') throw new InvalidCommand(`${field} must be true or false`, field);
}

/** Drops `undefined` optionals so stored events hold no `undefined` (canonical JSON cannot). */
export function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

import { InvalidCommand } from '../shared/errors.js';

/**
 * Instants travel as ISO 8601 strings; comparing them as strings breaks across offsets
 * ("2024-01-01T10:00:00+02:00" vs "...Z"), so every comparison goes through epoch milliseconds.
 */
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export function isIsoInstant(value: unknown): value is string {
  return typeof value === 'string' && ISO_8601.test(value) && !Number.isNaN(Date.parse(value));
}

/** Epoch milliseconds of an ISO string, or `InvalidCommand` naming the field. */
export function instantOf(iso: string, field: string): number {
  if (!isIsoInstant(iso)) throw new InvalidCommand(`${field} must be an ISO 8601 date-time`, field);
  return Date.parse(iso);
}

export function isBefore(a: string, b: string): boolean {
  return Date.parse(a) < Date.parse(b);
}

export function isAtOrAfter(a: string, b: string): boolean {
  return Date.parse(a) >= Date.parse(b);
}

/**
 * The contract: `occurredAt` is not in the future (after the server's `recordedAt`) and, on an
 * existing case, not before the case was received.
 */
export function assertOccurredAtPlausible(occurredAt: string, recordedAt: string, notBefore?: string): void {
  const occurred = instantOf(occurredAt, 'occurredAt');
  const recorded = instantOf(recordedAt, 'recordedAt');
  if (occurred > recorded) throw new InvalidCommand('occurredAt may not be in the future', 'occurredAt');
  if (notBefore !== undefined && occurred < Date.parse(notBefore)) {
    throw new InvalidCommand('occurredAt may not be before the case was received', 'occurredAt');
  }
}

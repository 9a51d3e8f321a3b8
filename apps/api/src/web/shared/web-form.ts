import type { Type } from '@nestjs/common';
import { calendarDate, instantOf, type LocalDate } from './library-time.js';
import { DomainError, IDENTIFICATIONS_MAX, NAME_MAX, PATRON_REF_MAX, TEXT_MAX } from '@ledger/domain';
import type { FieldError } from '../../http/problem-details.js';
import { createValidationPipe, RequestValidationError } from '../../http/validation.js';

export type FormBody = Record<string, string | string[] | undefined>;

/** One error, as the GOV.UK error summary lists it: the message, and the id of the field it links to. */
export interface FormError {
  readonly field: string;
  readonly href: string;
  readonly message: string;
}

export interface FormErrors {
  readonly list: FormError[];
  readonly byField: Record<string, string>;
}

export const NO_ERRORS: FormErrors = { list: [], byField: {} };

/** `requester.kind` → `requester-kind`: the id of the control the summary links to. */
export function fieldId(field: string): string {
  return field.replace(/[^A-Za-z0-9]+/g, '-');
}

export function formErrors(errors: readonly { field: string; message: string }[], idPrefix = ''): FormErrors {
  const list = errors.map(({ field, message }) => ({ field, href: `#${idPrefix}${fieldId(field)}`, message }));
  const byField: Record<string, string> = {};
  for (const error of list) byField[error.field] ??= error.message;
  return { list, byField };
}

const pipe = createValidationPipe();

/**
 * Validates what a form posted against the API's own request DTO (the same class-validator rules, so a
 * page can accept nothing the API would refuse). Answers the DTO or the errors to show beside the fields.
 */
export async function validateAs<T>(dto: Type<T>, value: object, idPrefix = '', messages: Record<string, string> = {}): Promise<{ value: T } | { errors: FormErrors }> {
  try {
    return { value: (await pipe.transform(value, { type: 'body', metatype: dto })) as T };
  } catch (error) {
    if (error instanceof RequestValidationError) return { errors: formErrors(error.fieldErrors.map((e: FieldError) => ({ field: e.field, message: messages[e.field] ?? plain(e) })), idPrefix) };
    throw error;
  }
}

/** A refusal the form can show at the top (the policy's rule and section), or null when it is not the form's to show. */
export interface Refusal {
  readonly status: number;
  readonly message: string;
  readonly rule?: string;
  readonly citation?: string;
  readonly field?: string;
}

const REFUSAL_STATUS = { policy: 422, forbidden: 403, state: 409, invalid: 400 } as const;

export function refusalOf(error: unknown): Refusal | null {
  if (error instanceof DomainError && error.kind !== 'not_found') {
    return {
      status: REFUSAL_STATUS[error.kind],
      message: error.message,
      ...(error.rule && { rule: error.rule }),
      ...(error.citation && { citation: error.citation }),
      ...('field' in error && typeof error.field === 'string' && { field: error.field }),
    };
  }
  return null;
}

/** `4000` → `up to 4,000 characters`: a limit of the domain's (field-limits.ts), as the request DTOs check it. */
export const upTo = (limit: number): string => `up to ${limit.toLocaleString('en-US')} characters`;

/** What to do, in plain words, for the fields the forms have (class-validator's own messages are for developers). */
export const FIELD_MESSAGES: Readonly<Record<string, string>> = {
  'requester.kind': 'Select who is asking',
  'requester.name': `Enter the name of the person asking (${upTo(NAME_MAX)})`,
  'requester.agency': `Enter the agency (${upTo(NAME_MAX)})`,
  'requester.badgeNumber': `Enter the badge number (${upTo(NAME_MAX)})`,
  channel: 'Select how the request came in',
  'patron.ref': `Enter the patron’s card number or patron ID (${upTo(PATRON_REF_MAX)})`,
  requestedCategories: 'Select at least one kind of information',
  categories: 'Select at least one category',
  'scope.categories': 'Select at least one category',
  identification: `Select at most ${IDENTIFICATIONS_MAX} kinds of identification`,
  purpose: `Enter the purpose (${upTo(TEXT_MAX)})`,
  reason: `Enter the reason (${upTo(TEXT_MAX)})`,
  note: `The note can be ${upTo(TEXT_MAX)}`,
  notes: `The notes can be ${upTo(TEXT_MAX)}`,
  rationale: `Enter the rationale for the decision (${upTo(TEXT_MAX)})`,
  inventory: `The inventory can be ${upTo(TEXT_MAX)}`,
  recipient: `Enter who receives the records (${upTo(NAME_MAX)})`,
  method: 'Select how the records are handed over',
  type: 'Select the type of instrument',
  issuedBy: `Enter who issued the instrument (${upTo(NAME_MAX)})`,
  court: `The court can be ${upTo(NAME_MAX)}`,
  docketNumber: `The docket number can be ${upTo(NAME_MAX)}`,
  servedAt: 'Enter when the instrument was served, as a date and time',
  returnDate: 'Enter the return date as a date and time',
  'scope.from': 'Enter the first day of the period as a real date, for example 1 1 2026',
  'scope.to': 'Enter the last day of the period as a real date, on or after the first',
  recordsFrom: 'Enter the first day of the records handed over as a real date, for example 1 1 2026',
  recordsTo: 'Enter the last day of the records handed over as a real date, on or after the first',
  counselUserId: 'Select the counsel to refer the case to',
  advice: 'Select your advice',
  decision: 'Select the decision',
  userId: 'Select a person',
  patronRef: `Enter the patron’s card number or patron ID (${upTo(PATRON_REF_MAX)})`,
  grantee: `Enter who the patron gives permission to (${upTo(NAME_MAX)})`,
  expiresAt: 'Enter the date the permission ends',
  concern: `Describe the concern (${upTo(TEXT_MAX)})`,
  agency: `Enter the agency called (${upTo(NAME_MAX)})`,
  from: 'Enter the first day of the appointment',
  to: 'Enter the last day of the appointment',
  instrumentId: 'Select the instrument whose order ended',
  patronRefs: `Enter at least one card number or patron ID, one a line (each ${upTo(PATRON_REF_MAX)})`,
  endedAt: 'Enter when the order ended, as a date and time: not in the future, not before it was served',
  how: 'Select how the order ended',
  notifiedAt: 'Enter when the patron was told, as a date and time: not before the order ended',
  occurredAt: 'Enter when it happened: not in the future, and not before the case was received',
};

function plain(error: FieldError): string {
  return FIELD_MESSAGES[error.field] ?? FIELD_MESSAGES[error.field.split('.').pop() ?? ''] ?? `Check ${error.field}: ${error.messages[0] ?? 'it is not valid'}`;
}

/** A form field as one string ('' when absent). */
export function text(body: FormBody, name: string): string | undefined {
  const value = body[name];
  const single = Array.isArray(value) ? value[0] : value;
  return single === undefined || single.trim() === '' ? undefined : single.trim();
}

/** A field for a command's body only when the form gave it. */
export function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** A group of checkboxes as a list. */
export function list(body: FormBody, name: string): string[] {
  const value = body[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** What a form posts for an instant the typist could not have meant (31 February, 25:00): the command's date check refuses it with the field's message. */
export const NOT_A_DATE = 'not-a-date';

/**
 * A date (and time) typed in the library's time zone, as the UTC instant it names. GOV.UK date input:
 * `<name>-day`, `<name>-month`, `<name>-year` and, where the form asks for one, `<name>-time` (24-hour,
 * "14:30"); a form that posts one `<name>` field (`2026-03-10` or `2026-03-10T14:30`) is read the same way.
 * All parts blank: absent. `plusDays`: the start of the day that many days later (the end of a last day).
 */
export function localInstant(body: FormBody, name: string, zone: string, options: { readonly time?: boolean; readonly plusDays?: number } = {}): string | undefined {
  const [day, month, year, time] = ['day', 'month', 'year', 'time'].map((part) => text(body, `${name}-${part}`));
  let parts: { year: number; month: number; day: number; hour: number; minute: number } | null;
  if (day === undefined && month === undefined && year === undefined && time === undefined) {
    const single = text(body, name);
    if (single === undefined) return undefined;
    const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(single);
    if (!match) return single;
    parts = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]), hour: Number(match[4] ?? 0), minute: Number(match[5] ?? 0) };
  } else {
    const clock = time === undefined ? (options.time ? null : [0, 0]) : /^(\d{1,2})[:.](\d{2})$/.exec(time)?.slice(1).map(Number) ?? null;
    const numeric = (value: string | undefined) => (value !== undefined && /^\d{1,4}$/.test(value) ? Number(value) : NaN);
    parts = clock ? { year: numeric(year), month: numeric(month), day: numeric(day), hour: clock[0], minute: clock[1] } : null;
  }
  if (!parts || parts.hour > 23 || parts.minute > 59) return NOT_A_DATE;
  const date = calendarDate(parts.year, parts.month, parts.day);
  if (!date) return NOT_A_DATE;
  const shifted = options.plusDays ? calendarDate(...nextDays(date, options.plusDays)) : date;
  return instantOf(shifted!, parts.hour, parts.minute, zone);
}

function nextDays(date: LocalDate, days: number): [number, number, number] {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return [moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate()];
}

/**
 * A calendar day typed in a GOV.UK date input (`<name>-day`, `-month`, `-year`, or one `<name>` field
 * `2026-03-10`) as `YYYY-MM-DD`; all parts blank: absent; a day that is not one (31 February): `NOT_A_DATE`.
 */
export function localDay(body: FormBody, name: string): string | undefined {
  const [day, month, year] = ['day', 'month', 'year'].map((part) => text(body, `${name}-${part}`));
  if (day === undefined && month === undefined && year === undefined) return text(body, name);
  const numeric = (value: string | undefined) => (value !== undefined && /^\d{1,4}$/.test(value) ? Number(value) : NaN);
  const date = calendarDate(numeric(year), numeric(month), numeric(day));
  return date ? `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}` : NOT_A_DATE;
}

/** A GOV.UK date input's parts as posted, to show a form again as it was typed. */
export function dateParts(body: FormBody | undefined, name: string): { day: string; month: string; year: string; time: string } {
  const part = (suffix: string) => (body ? (text(body, `${name}-${suffix}`) ?? '') : '');
  return { day: part('day'), month: part('month'), year: part('year'), time: part('time') };
}

import type { Type } from '@nestjs/common';
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

/** A group of checkboxes as a list. */
export function list(body: FormBody, name: string): string[] {
  const value = body[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** A `<input type=datetime-local>` value (the library's wall clock, taken as UTC) as an ISO instant. */
export function instant(body: FormBody, name: string): string | undefined {
  const value = text(body, name);
  if (value === undefined) return undefined;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00.000Z` : /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00.000Z` : value;
}

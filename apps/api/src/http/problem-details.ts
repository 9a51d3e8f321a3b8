/** RFC 9457 problem details, the body of every error answer. */
export interface FieldError {
  readonly field: string;
  readonly messages: string[];
}

export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly rule?: string;
  readonly citation?: string;
  readonly errors?: FieldError[];
  readonly [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Where the problem filter leaves the rule id of a refusal (`response.locals`), for the command metrics. */
export const PROBLEM_RULE_LOCAL = 'problemRule';

export function problemType(slug: string): string {
  return `urn:disclosure-ledger:problem:${slug}`;
}

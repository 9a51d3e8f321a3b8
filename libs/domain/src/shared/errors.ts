/**
 * Domain errors. The HTTP layer maps each `kind` to a status in one exception filter:
 * policy → 422, forbidden → 403, state → 409 (rule CASE-STATE), not_found → 404, invalid → 400.
 */
export type DomainErrorKind = 'policy' | 'forbidden' | 'state' | 'not_found' | 'invalid';

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  constructor(
    message: string,
    readonly rule?: string,
    readonly citation?: string,
    /** What exactly was wrong, apart from the rule's own words (so another pack can word the rule). */
    readonly detail?: string,
  ) {
    super(message);
  }
}

/** The policy forbids it (422): `rule` is the rule id, `citation` the policy section (and statute). */
export class PolicyViolation extends DomainError {
  readonly kind = 'policy' as const;
  override readonly name = 'PolicyViolation';
  constructor(rule: string, citation: string, message: string, detail?: string) {
    super(message, rule, citation, detail);
  }
}

/** The caller may not do this (403), e.g. LE-DIRECTOR-ONLY or a sealed case. */
export class ForbiddenByPolicy extends DomainError {
  readonly kind = 'forbidden' as const;
  override readonly name = 'ForbiddenByPolicy';
  constructor(rule: string, citation: string | undefined, message: string, detail?: string) {
    super(message, rule, citation, detail);
  }
}

/** The current state does not allow the command (409, rule CASE-STATE). */
export class CaseStateConflict extends DomainError {
  readonly kind = 'state' as const;
  override readonly name = 'CaseStateConflict';
  constructor(message: string) {
    super(message, 'CASE-STATE');
  }
}

/** The state of something other than a case does not allow the command (409, with its own rule). */
export class StateConflict extends DomainError {
  readonly kind = 'state' as const;
  override readonly name = 'StateConflict';
  constructor(rule: string, message: string) {
    super(message, rule);
  }
}

/** Unknown case, user, consent (404). */
export class NotFound extends DomainError {
  readonly kind = 'not_found' as const;
  override readonly name = 'NotFound';
}

/** The command is malformed in a way only the domain can see, e.g. `occurredAt` before the case (400). */
export class InvalidCommand extends DomainError {
  readonly kind = 'invalid' as const;
  override readonly name = 'InvalidCommand';
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

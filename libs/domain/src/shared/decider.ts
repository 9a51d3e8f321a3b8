/** A domain event: plain data with a past-tense type. Primitives and ISO dates only. */
export interface DomainEvent<T extends string = string, D = unknown> {
  readonly type: T;
  readonly data: D;
}

/**
 * A decider is three plain functions: no I/O, no clock, no framework. Time and everything the
 * decision needs from other streams arrive in the command and the context.
 */
export interface Decider<C, S, E extends DomainEvent, Ctx = void> {
  readonly initialState: S;
  evolve(state: S, event: E): S;
  /** Returns the events that record the decision, or throws a `DomainError`. */
  decide(command: C, state: S, context: Ctx): readonly E[];
  /**
   * Throws the `DomainError` for an actor who may not act on this stream at all (a sealed case's
   * outsider), before anything else about the stream is checked or answered: a precondition's answer
   * (`If-Match`'s 412 names the revision) would otherwise tell them about it. `decide` refuses them too.
   */
  admits?(command: C, state: S): void;
}

/** For exhaustive `switch` statements: a new union member that is not handled fails to compile. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}

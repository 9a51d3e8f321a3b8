import type { Role } from '@ledger/domain';

/** The server's clock, injected so tests can move time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Who gives a command: an authenticated user's id and role. */
export interface CommandUser {
  readonly userId: string;
  readonly role: Role;
}

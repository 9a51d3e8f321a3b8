import { Command } from '@nestjs/cqrs';
import type { Role } from '@ledger/domain';
import type { Actor } from '../user-commands.js';

export interface RegisteredUser {
  readonly userId: string;
  readonly name: string;
  readonly role: Role;
  readonly username: string | null;
  readonly email: string | null;
  /** Shown once, never stored. */
  readonly token: string;
  readonly position: string;
}

export class RegisterUserCommand extends Command<RegisteredUser> {
  constructor(
    readonly name: string,
    readonly role: Role,
    readonly actor: Actor,
    /** For the web sign-in: unique, 3–64 of `a-z 0-9 . _ -`. */
    readonly username?: string,
    /** Matched to a sign-in provider's `email` claim. */
    readonly email?: string,
  ) {
    super();
  }
}

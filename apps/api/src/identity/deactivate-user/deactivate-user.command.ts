import { Command } from '@nestjs/cqrs';
import type { Actor } from '../user-commands.js';

/** Offboarding: every token, session, password and enrollment link of the user ends. */
export class DeactivateUserCommand extends Command<{ position: string }> {
  constructor(
    readonly userId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

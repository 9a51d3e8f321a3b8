import { Command } from '@nestjs/cqrs';
import type { Actor } from '../user-commands.js';

/** Active again, with nothing to sign in with until a new enrollment (and a new token). */
export class ReactivateUserCommand extends Command<{ position: string }> {
  constructor(
    readonly userId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

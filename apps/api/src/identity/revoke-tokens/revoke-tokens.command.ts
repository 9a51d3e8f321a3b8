import { Command } from '@nestjs/cqrs';
import type { Actor } from '../user-commands.js';

export class RevokeTokensCommand extends Command<{ revoked: number; position: string }> {
  constructor(
    readonly userId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

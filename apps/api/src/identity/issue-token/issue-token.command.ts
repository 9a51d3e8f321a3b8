import { Command } from '@nestjs/cqrs';
import type { Actor } from '../user-commands.js';

export class IssueTokenCommand extends Command<{ token: string; tokenId: string; position: string }> {
  constructor(
    readonly userId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

import { Command } from '@nestjs/cqrs';

export class SetPasswordCommand extends Command<{ userId: string }> {
  constructor(
    /** The enrollment link's secret, from its URL. */
    readonly linkSecret: string,
    readonly password: string,
  ) {
    super();
  }
}

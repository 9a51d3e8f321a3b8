import { Command } from '@nestjs/cqrs';
import type { Actor } from '../user-commands.js';

export interface IssuedEnrollmentLink {
  /** The one-time secret of the link, shown once; only its SHA-256 is kept. */
  readonly secret: string;
  readonly expiresAt: string;
  readonly position: string;
}

export class IssueEnrollmentLinkCommand extends Command<IssuedEnrollmentLink> {
  constructor(
    readonly userId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

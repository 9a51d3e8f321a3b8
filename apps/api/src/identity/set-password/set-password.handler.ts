import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { NotFound, userDecider, userStream } from '@ledger/domain';
import type { CommandPipeline } from '@ledger/ledger';
import { sha256Hex } from '../../auth/token-secrets.js';
import type { IdentityDirectory } from '@ledger/projections';
import type { LiveViews } from '@ledger/runtime';
import { type Clock, CLOCK, COMMAND_PIPELINE, CREDENTIALS_STORE, IDENTITY_DIRECTORY, LIVE_VIEWS } from '../../infrastructure/tokens.js';
import type { CredentialsStore } from '../credentials/credentials.store.js';
import { hashPassword } from '../credentials/password-hasher.js';
import { SetPasswordCommand } from './set-password.command.js';

/**
 * The ledger decides whether the link may still be used (once, within 24 h) and records that the
 * password was set; only then is the hash written to the credentials store.
 */
@CommandHandler(SetPasswordCommand)
export class SetPasswordHandler implements ICommandHandler<SetPasswordCommand, { userId: string }> {
  constructor(
    @Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CREDENTIALS_STORE) private readonly credentials: CredentialsStore,
    @Inject(IDENTITY_DIRECTORY) private readonly directory: IdentityDirectory,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
  ) {}

  async execute({ linkSecret, password }: SetPasswordCommand): Promise<{ userId: string }> {
    const link = this.credentials.enrollmentLink(sha256Hex(linkSecret));
    const user = link && this.directory.findUser(link.userId);
    if (!link || !user) throw new NotFound('This enrollment link is not valid; it may have been used already');
    const passwordHash = await hashPassword(password);
    const now = this.clock.now().toISOString();
    const result = await this.pipeline.execute({
      stream: userStream(link.userId),
      decider: userDecider,
      expect: 'existing',
      notFoundMessage: `No user ${link.userId}`,
      command: { type: 'SetPassword', userId: link.userId, enrollmentId: link.enrollmentId, occurredAt: now },
      meta: { actor: { userId: user.userId, role: user.role }, recordedAt: now },
    });
    // Sign-in takes a stored hash only when the directory records a password set at this same instant.
    this.credentials.setPassword(link.userId, passwordHash, now);
    await this.views.waitFor(result.position);
    return { userId: link.userId };
  }
}

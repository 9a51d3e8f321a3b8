import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { NotFound, type UserCommand, userDecider, userStream } from '@ledger/domain';
import { sha256Hex } from '../../auth/token-secrets.js';
import type { IdentityDirectory } from '@ledger/projections';
import { type LiveViews, StreamCommandRunner } from '@ledger/runtime';
import { CREDENTIALS_STORE, IDENTITY_DIRECTORY, LIVE_VIEWS } from '../../infrastructure/tokens.js';
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
    private readonly runner: StreamCommandRunner,
    @Inject(CREDENTIALS_STORE) private readonly credentials: CredentialsStore,
    @Inject(IDENTITY_DIRECTORY) private readonly directory: IdentityDirectory,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
  ) {}

  async execute({ linkSecret, password }: SetPasswordCommand): Promise<{ userId: string }> {
    const link = this.credentials.enrollmentLink(sha256Hex(linkSecret));
    const user = link && this.directory.findUser(link.userId);
    if (!link || !user) throw new NotFound('This enrollment link is not valid; it may have been used already');
    const passwordHash = await hashPassword(password);
    const result = await this.runner.run({
      stream: userStream(link.userId),
      decider: userDecider,
      expect: 'existing',
      notFoundMessage: `No user ${link.userId}`,
      user: { userId: user.userId, role: user.role },
      command: ({ occurredAt }): UserCommand => ({ type: 'SetPassword', userId: link.userId, enrollmentId: link.enrollmentId, occurredAt }),
    });
    const set = result.events.find((event) => event.type === 'PasswordSet');
    if (set?.type !== 'PasswordSet') throw new Error('SetPassword recorded no PasswordSet');
    // Sign-in takes a stored hash only when the directory records a password set at this same instant.
    this.credentials.setPassword(link.userId, passwordHash, set.data.occurredAt);
    await this.views.waitFor(result.position);
    return { userId: link.userId };
  }
}

import { ConflictException, Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ENROLLMENT_LINK_HOURS, type UserCommand, userDecider, userStream } from '@ledger/domain';
import { sha256Hex } from '../../auth/token-secrets.js';
import { type LiveViews, StreamCommandRunner } from '@ledger/runtime';
import { CREDENTIALS_STORE, LIVE_VIEWS } from '../../infrastructure/tokens.js';
import type { CredentialsStore } from '../credentials/credentials.store.js';
import { IssueEnrollmentLinkCommand, type IssuedEnrollmentLink } from './issue-enrollment-link.command.js';
import { newEntityId, newSecretBytes } from '@ledger/ledger';

@CommandHandler(IssueEnrollmentLinkCommand)
export class IssueEnrollmentLinkHandler implements ICommandHandler<IssueEnrollmentLinkCommand, IssuedEnrollmentLink> {
  constructor(
    private readonly runner: StreamCommandRunner,
    @Inject(CREDENTIALS_STORE) private readonly credentials: CredentialsStore,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
  ) {}

  async execute({ userId, actor }: IssueEnrollmentLinkCommand): Promise<IssuedEnrollmentLink> {
    const enrollmentId = newEntityId();
    const secret = newSecretBytes(32).toString('base64url');
    const result = await this.runner.run({
      stream: userStream(userId),
      decider: userDecider,
      expect: 'existing',
      notFoundMessage: `No user ${userId}`,
      user: actor,
      command: ({ occurredAt }): UserCommand => ({
        type: 'IssueEnrollmentLink',
        userId,
        enrollmentId,
        expiresAt: new Date(Date.parse(occurredAt) + ENROLLMENT_LINK_HOURS * 3_600_000).toISOString(),
        by: actor.userId,
        occurredAt,
      }),
    });
    const expiresAt = result.state.openEnrollments[enrollmentId];
    // Checked after the decision so that an unknown user is a 404 like every other user endpoint.
    if (!this.credentials.byUser(userId)) {
      throw new ConflictException('This user has no username to sign in with; register users for the web application with a username');
    }
    this.credentials.addEnrollmentLink(sha256Hex(secret), { enrollmentId, userId, expiresAt });
    // The link page asks the directory which link is the user's open one: it must know this one when the link is first opened.
    await this.views.waitFor(result.position);
    return { secret, expiresAt, position: result.position.toString() };
  }
}

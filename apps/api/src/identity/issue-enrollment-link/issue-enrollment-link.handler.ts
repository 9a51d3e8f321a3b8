import { ConflictException, Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ENROLLMENT_LINK_HOURS, userDecider, userStream } from '@ledger/domain';
import type { CommandPipeline } from '@ledger/ledger';
import { sha256Hex } from '../../auth/token-secrets.js';
import type { LiveViews } from '@ledger/runtime';
import { type Clock, CLOCK, COMMAND_PIPELINE, CREDENTIALS_STORE, LIVE_VIEWS } from '../../infrastructure/tokens.js';
import type { CredentialsStore } from '../credentials/credentials.store.js';
import { IssueEnrollmentLinkCommand, type IssuedEnrollmentLink } from './issue-enrollment-link.command.js';
import { newEntityId, newSecretBytes } from '@ledger/ledger';

@CommandHandler(IssueEnrollmentLinkCommand)
export class IssueEnrollmentLinkHandler implements ICommandHandler<IssueEnrollmentLinkCommand, IssuedEnrollmentLink> {
  constructor(
    @Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CREDENTIALS_STORE) private readonly credentials: CredentialsStore,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
  ) {}

  async execute({ userId, actor }: IssueEnrollmentLinkCommand): Promise<IssuedEnrollmentLink> {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + ENROLLMENT_LINK_HOURS * 3_600_000).toISOString();
    const enrollmentId = newEntityId();
    const secret = newSecretBytes(32).toString('base64url');
    const result = await this.pipeline.execute({
      stream: userStream(userId),
      decider: userDecider,
      expect: 'existing',
      notFoundMessage: `No user ${userId}`,
      command: { type: 'IssueEnrollmentLink', userId, enrollmentId, expiresAt, by: actor.userId, occurredAt: now.toISOString() },
      meta: { actor, recordedAt: now.toISOString() },
    });
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

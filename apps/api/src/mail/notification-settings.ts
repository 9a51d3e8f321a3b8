import { Inject, Injectable } from '@nestjs/common';
import { notificationChoices, notificationPreferencesDecider, notificationPreferencesStream } from '@ledger/domain';
import { type CommandPipeline, NothingToRecordError } from '@ledger/ledger';
import { type LiveViews, StreamCommandRunner } from '@ledger/runtime';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { COMMAND_PIPELINE, LIVE_VIEWS } from '../infrastructure/tokens.js';
import type { NotificationChoicesDto } from './mail.response.dto.js';

/** A user's choice of messages, on their own stream (`notifications-<userId>`): read and set by the API and the settings page alike. */
@Injectable()
export class NotificationSettings {
  constructor(
    @Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
    private readonly runner: StreamCommandRunner,
  ) {}

  async choicesOf(user: Pick<AuthenticatedUser, 'userId' | 'role'>): Promise<NotificationChoicesDto> {
    const { state } = await this.pipeline.load(notificationPreferencesStream(user.userId), notificationPreferencesDecider);
    const row = this.views.db.prepare('SELECT email FROM identity_users WHERE user_id = ?').get(user.userId) as { email: string | null } | undefined;
    return { email: row?.email ?? null, items: notificationChoices(user.role, state).map((choice) => ({ ...choice })) };
  }

  async choose(user: Pick<AuthenticatedUser, 'userId' | 'role'>, off: readonly string[]): Promise<void> {
    try {
      await this.runner.run({
        stream: notificationPreferencesStream(user.userId),
        decider: notificationPreferencesDecider,
        user,
        command: ({ occurredAt }) => ({ type: 'SetNotificationPreferences' as const, userId: user.userId, role: user.role, off, occurredAt }),
      });
    } catch (error) {
      // The same choice again: nothing to record, and the answer is the same.
      if (!(error instanceof NothingToRecordError)) throw error;
    }
  }
}

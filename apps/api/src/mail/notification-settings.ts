import { Inject, Injectable } from '@nestjs/common';
import { notificationChoices, notificationPreferencesDecider, notificationPreferencesStream } from '@ledger/domain';
import { type CommandPipeline, NothingToRecordError } from '@ledger/ledger';
import type { LiveViews } from '@ledger/runtime';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { CLOCK, type Clock, COMMAND_PIPELINE, LIVE_VIEWS } from '../infrastructure/tokens.js';
import type { NotificationChoicesDto } from './mail.response.dto.js';

/** A user's choice of messages, on their own stream (`notifications-<userId>`): read and set by the API and the settings page alike. */
@Injectable()
export class NotificationSettings {
  constructor(
    @Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async choicesOf(user: Pick<AuthenticatedUser, 'userId' | 'role'>): Promise<NotificationChoicesDto> {
    const { state } = await this.pipeline.load(notificationPreferencesStream(user.userId), notificationPreferencesDecider);
    const row = this.views.db.prepare('SELECT email FROM identity_users WHERE user_id = ?').get(user.userId) as { email: string | null } | undefined;
    return { email: row?.email ?? null, items: notificationChoices(user.role, state).map((choice) => ({ ...choice })) };
  }

  async choose(user: Pick<AuthenticatedUser, 'userId' | 'role'>, off: readonly string[]): Promise<void> {
    const now = this.clock.now().toISOString();
    try {
      await this.pipeline.execute({
        stream: notificationPreferencesStream(user.userId),
        decider: notificationPreferencesDecider,
        command: { type: 'SetNotificationPreferences', userId: user.userId, role: user.role, off, occurredAt: now },
        meta: { actor: { userId: user.userId, role: user.role }, recordedAt: now },
      });
    } catch (error) {
      // The same choice again: nothing to record, and the answer is the same.
      if (!(error instanceof NothingToRecordError)) throw error;
    }
  }
}

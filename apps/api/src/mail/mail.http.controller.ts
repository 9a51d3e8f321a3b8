import { Body, Controller, Get, HttpCode, Inject, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import { MAIL_OUTBOX_STREAM, mailOutboxDecider, outboxMessages, type OutboxMessage } from '@ledger/domain';
import { casesSealedFor } from '@ledger/projections';
import type { LiveViews } from '@ledger/runtime';
import { RecordAccess } from '../access-log/record-access.interceptor.js';
import { ActorResolver } from '../auth/designee-roster.js';
import type { CommandPipeline } from '@ledger/ledger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../auth/authenticated-user.js';
import { ProblemResponses } from '../http/openapi.js';
import { COMMAND_PIPELINE, LIVE_VIEWS } from '../infrastructure/tokens.js';
import { MailScheduler } from './mail-scheduler.service.js';
import { NotificationChoicesDto, SentMailListDto, SetNotificationChoicesRequestDto } from './mail.response.dto.js';
import { NotificationSettings } from './notification-settings.js';

@ApiTags('mail')
@Controller('v1')
export class MailHttpController {
  constructor(
    private readonly settings: NotificationSettings,
    private readonly scheduler: MailScheduler,
    @Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline,
    private readonly actors: ActorResolver,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
  ) {}

  /** The messages the signed-in user receives by mail, and which of them they may turn off. */
  @Get('me/notifications')
  @ApiOperation({ summary: 'Read which messages I receive by e-mail' })
  @Roles('staff', 'director', 'counsel', 'auditor', 'admin')
  @ApiOkResponse({ type: NotificationChoicesDto })
  async mine(@CurrentUser() user: AuthenticatedUser): Promise<NotificationChoicesDto> {
    return this.settings.choicesOf(user);
  }

  /** Turns kinds of message off (those not listed are on). The director cannot turn off the law-enforcement referral (400, field `off`). */
  @Put('me/notifications')
  @HttpCode(200)
  @ApiOperation({ summary: 'Choose which messages I receive by e-mail' })
  @Roles('staff', 'director', 'counsel', 'auditor', 'admin')
  @ApiOkResponse({ type: NotificationChoicesDto })
  @ProblemResponses([400, 'Invalid body; an unknown kind; a kind the user may not turn off (field `off`)'], 409)
  async choose(@Body() body: SetNotificationChoicesRequestDto, @CurrentUser() user: AuthenticatedUser): Promise<NotificationChoicesDto> {
    await this.settings.choose(user, body.off);
    return this.settings.choicesOf(user);
  }

  /**
   * What the outbox holds: to whom, about which case, when queued and sent, how often tried. Never a
   * message's body or an address. A message about a sealed case the auditor is not named in shows only
   * its case, that it is sealed, when it was queued and whether it went: its kind and recipient would
   * tell what the case is and who acts on it.
   */
  @Get('audit/mail')
  @ApiOperation({ summary: 'List the mail the ledger sent, to whom and when (not the bodies)' })
  @Roles('auditor')
  @RecordAccess({ action: 'mail_log_query' })
  @ApiOkResponse({ type: SentMailListDto })
  async sent(@CurrentUser() user: AuthenticatedUser): Promise<SentMailListDto> {
    const { state } = await this.pipeline.load(MAIL_OUTBOX_STREAM, mailOutboxDecider);
    const messages = outboxMessages(state);
    const reader = await this.actors.actorNow(user);
    const sealed = casesSealedFor(this.views.db, messages.flatMap(({ caseId }) => (caseId === undefined ? [] : [caseId])), reader);
    const shown = messages.map((message) => (message.caseId !== undefined && sealed.has(message.caseId) ? sealedMailOf(message) : sentMailOf(message)));
    return { sending: this.scheduler.sending, items: shown.reverse() };
  }
}

/** A message about a sealed case, as a reader it does not name sees it. */
function sealedMailOf(message: OutboxMessage): SentMailListDto['items'][number] {
  return {
    messageId: `sealed-${createHash('sha256').update(message.messageId).digest('hex').slice(0, 16)}`,
    caseId: message.caseId,
    sealed: true,
    queuedAt: message.queuedAt,
    status: message.status,
  };
}

export function sentMailOf(message: OutboxMessage): SentMailListDto['items'][number] {
  return {
    messageId: message.messageId,
    kind: message.kind,
    recipientUserId: message.recipientUserId,
    ...(message.caseId !== undefined && { caseId: message.caseId }),
    queuedAt: message.queuedAt,
    status: message.status,
    attempts: message.attempts,
    ...(message.sentAt !== undefined && { sentAt: message.sentAt }),
    ...(message.retryAt !== undefined && message.status === 'failed' && { retryAt: message.retryAt }),
    ...(message.lastFailure !== undefined && { lastFailure: message.lastFailure.reason }),
    ...((message.expiredClaims ?? 0) > 0 && { resentAfterExpiredClaim: true as const }),
  };
}

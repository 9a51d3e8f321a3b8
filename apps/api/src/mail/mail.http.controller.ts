import { Body, Controller, Get, HttpCode, Inject, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MAIL_OUTBOX_STREAM, mailOutboxDecider, outboxMessages, type OutboxMessage } from '@ledger/domain';
import type { CommandPipeline } from '@ledger/ledger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../auth/authenticated-user.js';
import { ProblemResponses } from '../http/openapi.js';
import { COMMAND_PIPELINE } from '../infrastructure/tokens.js';
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

  /** What the outbox holds: to whom, about which case, when queued and sent, how often tried. Never a message's body or an address. */
  @Get('audit/mail')
  @ApiOperation({ summary: 'List the mail the ledger sent, to whom and when (not the bodies)' })
  @Roles('auditor')
  @ApiOkResponse({ type: SentMailListDto })
  async sent(): Promise<SentMailListDto> {
    const { state } = await this.pipeline.load(MAIL_OUTBOX_STREAM, mailOutboxDecider);
    return { sending: this.scheduler.sending, items: outboxMessages(state).map(sentMailOf).reverse() };
  }
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

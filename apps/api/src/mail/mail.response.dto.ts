import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn } from 'class-validator';
import { MAIL_KINDS, type MailKind } from '@ledger/domain';

export class NotificationChoiceDto {
  @ApiProperty({ enum: MAIL_KINDS }) kind!: MailKind;
  @ApiProperty({ description: 'Whether the user receives this kind of message' }) enabled!: boolean;
  @ApiProperty({ description: 'The user cannot turn it off (the director and law-enforcement referrals)' }) locked!: boolean;
}

export class NotificationChoicesDto {
  @ApiProperty({ description: 'The address messages go to (set by an admin, or by single sign-on); null: none is sent' , type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: [NotificationChoiceDto], description: 'Every kind of message the user\'s role can receive' }) items!: NotificationChoiceDto[];
}

export class SetNotificationChoicesRequestDto {
  @ApiProperty({ enum: MAIL_KINDS, isArray: true, description: 'The kinds of message the user does not want; every other kind their role can receive is on', example: ['daily_digest'] })
  @IsArray()
  @ArrayMaxSize(MAIL_KINDS.length)
  @IsIn(MAIL_KINDS, { each: true })
  off!: MailKind[];
}

const MAIL_STATUSES = ['queued', 'sending', 'sent', 'failed', 'abandoned'] as const;

export class SentMailDto {
  @ApiProperty({ description: 'The cause and the recipient: the same cause queues one message per recipient. On a sealed case the reader is not named in, an opaque id' }) messageId!: string;
  @ApiPropertyOptional({ enum: MAIL_KINDS, description: 'Absent on a sealed case the reader is not named in' }) kind?: MailKind;
  @ApiPropertyOptional({ description: 'Who it is (or was) for; absent on a sealed case the reader is not named in' }) recipientUserId?: string;
  @ApiPropertyOptional({ description: 'The case (or breach incident) it is about' }) caseId?: string;
  @ApiPropertyOptional({ enum: [true], description: 'Present (true) when the message is about a sealed case the reader is not named in: only when it was queued and whether it went are shown' }) sealed?: true;
  @ApiProperty() queuedAt!: string;
  @ApiProperty({ enum: MAIL_STATUSES, description: 'queued (also: no mail server configured), sending, sent, failed (to be tried again), abandoned (tried too often)' }) status!: (typeof MAIL_STATUSES)[number];
  @ApiPropertyOptional({ description: 'Attempts made; absent on a sealed case the reader is not named in' }) attempts?: number;
  @ApiPropertyOptional() sentAt?: string;
  @ApiPropertyOptional({ description: 'When a failed message is tried again' }) retryAt?: string;
  @ApiPropertyOptional({ description: 'The SMTP reply code or error of the last failure' }) lastFailure?: string;
  @ApiPropertyOptional({ description: 'Present (true) when a sender took the message again after an earlier sender\'s claim ran out with no outcome recorded: that sender may have died after the server accepted it, so the recipient may hold it twice (with the same Message-ID)' })
  resentAfterExpiredClaim?: true;
}

export class SentMailListDto {
  @ApiProperty({ description: 'Whether a mail server is configured (LEDGER_SMTP_URL); without one, messages stay queued' }) sending!: boolean;
  @ApiProperty({ type: [SentMailDto], description: 'Newest first; never a body' }) items!: SentMailDto[];
}

import { Module } from '@nestjs/common';
import { MailHttpController } from './mail.http.controller.js';
import { MailScheduler } from './mail-scheduler.service.js';
import { NotificationSettings } from './notification-settings.js';

/** Reminders and referrals by e-mail, through an outbox kept in the ledger (docs/mail.md). */
@Module({
  controllers: [MailHttpController],
  providers: [MailScheduler, NotificationSettings],
  exports: [MailScheduler, NotificationSettings],
})
export class MailModule {}

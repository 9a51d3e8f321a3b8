import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { type MailKind, MAIL_KINDS, type NotificationChoice, ROLES } from '@ledger/domain';
import { Roles } from '../../auth/authenticated-user.js';
import { NotificationSettings } from '../../mail/notification-settings.js';
import { PageRenderer, pageOf } from '../shared/page.renderer.js';
import { type FormBody, type FormErrors, list, NO_ERRORS } from '../shared/web-form.js';
import { WebPages } from '../shared/web-page.decorator.js';
import type { WebRequest } from '../shared/web-session.guard.js';

/** What each kind of message is, in the words of the settings page. */
export const MAIL_KIND_WORDS: Readonly<Record<MailKind, { readonly title: string; readonly hint: string }>> = {
  law_enforcement_referral: { title: 'A law-enforcement request is referred to the director', hint: 'At once, to the director and active designees.' },
  counsel_referral: { title: 'A case is referred to me for advice', hint: 'At once.' },
  deadline_reminder: { title: 'A legal instrument’s deadline is near', hint: '7, 3 and 1 days before a return date or the last day to object.' },
  violation_finding: { title: 'The ledger finds a policy violation', hint: 'When a finding of severity “violation” appears.' },
  breach_notice_reminder: { title: 'A breach notice deadline is near', hint: '7, 3 and 1 days before patrons must be told.' },
  daily_digest: { title: 'A daily digest of what is due', hint: 'Once a day, when something falls due in the coming week.' },
};

export interface NotificationsPageModel {
  readonly title: string;
  /** Where messages go; null: none is sent. */
  readonly email: string | null;
  readonly items: readonly NotificationChoice[];
  readonly words: typeof MAIL_KIND_WORDS;
  readonly saved: boolean;
  readonly errors: FormErrors;
}
const NOTIFICATIONS_PAGE = pageOf<NotificationsPageModel>('/account/notifications');

/**
 * `/account/notifications`: the signed-in user chooses which messages they receive by e-mail (the same
 * choice as `PUT /v1/me/notifications`). A message names a case by its short id and links to it; it never
 * names a patron. The director's law-enforcement referral is shown on and cannot be turned off.
 */
@WebPages()
@Controller('account/notifications')
export class NotificationsPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly settings: NotificationSettings,
  ) {}

  @Get()
  @Roles(...ROLES)
  async page(@Req() request: WebRequest, @Res() response: Response): Promise<void> {
    await this.render(request, response, request.query.saved === '1');
  }

  @Post()
  @Roles(...ROLES)
  async choose(@Req() request: WebRequest, @Res() response: Response, @Body() body: FormBody): Promise<void> {
    const user = request.user!;
    const wanted = new Set(list(body, 'on'));
    const { items } = await this.settings.choicesOf(user);
    const off = items.filter((choice) => !choice.locked && !wanted.has(choice.kind)).map((choice) => choice.kind);
    await this.settings.choose(user, MAIL_KINDS.filter((kind) => off.includes(kind)));
    response.redirect(303, '/account/notifications?saved=1');
  }

  private async render(request: WebRequest, response: Response, saved: boolean): Promise<void> {
    const choices = await this.settings.choicesOf(request.user!);
    this.pages.send(response, request, NOTIFICATIONS_PAGE, { title: 'Messages by e-mail', ...choices, words: MAIL_KIND_WORDS, saved, errors: NO_ERRORS }, 200);
  }
}

import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CasesModule } from '../cases/cases.module.js';
import { IdentityModule } from '../identity/identity.module.js';
import { PasswordAttemptsLimiter } from './sign-in/password-attempts.limiter.js';
import { SignInAttemptsLimiter } from './sign-in/sign-in-attempts.limiter.js';
import { UsersPageController } from './admin/users.page.controller.js';
import { AuditPageController } from './audit/audit.page.controller.js';
import { BoardPageController } from './board/board.page.controller.js';
import { CasePageController } from './case/case.page.controller.js';
import { CounselPageController } from './counsel/counsel.page.controller.js';
import { DeskPageController } from './desk/desk.page.controller.js';
import { SearchPageController } from './search/search.page.controller.js';
import { GlossaryPageController } from './glossary/glossary.page.controller.js';
import { RosterPageController } from './roster/roster.page.controller.js';
import { DirectorPowers } from '../views/shared/director-powers.js';
import { AssetsController } from './shared/assets.controller.js';
import { SessionController } from './shared/session.controller.js';
import { PageRenderer } from './shared/page.renderer.js';
import { WebErrorFilter } from './shared/web-error.filter.js';
import { WebSessionGuard } from './shared/web-session.guard.js';
import { WebSessionStore } from './shared/web-session.store.js';
import { WebDrafts } from './shared/web-drafts.js';
import { WebCookies } from './shared/web-cookies.js';
import { SingleSignOnPageController } from './sign-in/single-sign-on.page.controller.js';
import { OpenIdClient } from '../identity/single-sign-on/openid-client.service.js';
import { SignInKeys } from './sign-in/sign-in-keys.js';
import { DeviceCookies } from './sign-in/device-cookies.js';
import { SecondFactorsModule } from '../identity/second-factors/second-factors.module.js';
import { AccountSecurityPageController } from './account/account-security.page.controller.js';
import { SecondFactorStepPageController } from './account/second-factor-step.page.controller.js';
import { SecondFactorAttemptsLimiter } from './account/second-factor-attempts.limiter.js';
import { SignInCompletion } from './account/sign-in-completion.js';
import { FreshSignInGuard } from './account/fresh-sign-in.guard.js';
import { SignInAgainPageController } from './account/sign-in-again.page.controller.js';
import { TransparencyPageController } from './transparency/transparency.page.controller.js';
import { TransparencyReportsPageController } from './transparency/transparency-reports.page.controller.js';
import { TransparencyModule } from '../transparency/transparency.module.js';
import { NotificationsPageController } from './account/notifications.page.controller.js';
import { MailModule } from '../mail/mail.module.js';

/**
 * The web application: server-rendered pages at `/` for staff, the director, counsel, the auditor and
 * the admin, calling the same commands and queries as the JSON API. (The sign-in page is declared in
 * the app module, beside the failed-authentication limiter it shares with the bearer guard.)
 */
@Module({
  imports: [CqrsModule, IdentityModule, CasesModule, SecondFactorsModule, TransparencyModule, MailModule],
  controllers: [AssetsController, DeskPageController, CasePageController, BoardPageController, CounselPageController, AuditPageController, RosterPageController, UsersPageController, GlossaryPageController, SearchPageController, SessionController, SingleSignOnPageController, AccountSecurityPageController, SecondFactorStepPageController, SignInAgainPageController, TransparencyPageController, TransparencyReportsPageController, NotificationsPageController],
  providers: [DirectorPowers, PageRenderer, WebCookies, WebSessionStore, WebDrafts, WebSessionGuard, WebErrorFilter, PasswordAttemptsLimiter, SignInAttemptsLimiter, OpenIdClient, SignInKeys, DeviceCookies, SignInCompletion, SecondFactorAttemptsLimiter, FreshSignInGuard],
  exports: [PageRenderer, WebCookies, WebSessionStore, WebDrafts, WebSessionGuard, WebErrorFilter, PasswordAttemptsLimiter, SignInAttemptsLimiter, OpenIdClient, SignInKeys, DeviceCookies, SignInCompletion],
})
export class WebModule {}

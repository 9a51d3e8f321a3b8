import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import type { LedgerConfig } from '@ledger/ledger';
import { CREDENTIALS_STORE, LEDGER_CONFIG } from '../infrastructure/tokens.js';
import { CredentialsStore } from './credentials/credentials.store.js';
import { IssueEnrollmentLinkHandler } from './issue-enrollment-link/issue-enrollment-link.handler.js';
import { IssueEnrollmentLinkHttpController } from './issue-enrollment-link/issue-enrollment-link.http.controller.js';
import { SetPasswordHandler } from './set-password/set-password.handler.js';
import { CqrsModule } from '@nestjs/cqrs';
import { BootstrapAdminService } from './bootstrap-admin.service.js';
import { IssueTokenHandler } from './issue-token/issue-token.handler.js';
import { IssueTokenHttpController } from './issue-token/issue-token.http.controller.js';
import { RegisterUserHandler } from './register-user/register-user.handler.js';
import { RegisterUserHttpController } from './register-user/register-user.http.controller.js';
import { RevokeTokensHandler } from './revoke-tokens/revoke-tokens.handler.js';
import { RevokeTokensHttpController } from './revoke-tokens/revoke-tokens.http.controller.js';
import { WhoAmIHttpController } from './who-am-i/who-am-i.http.controller.js';
import { DeactivateUserHandler } from './deactivate-user/deactivate-user.handler.js';
import { ReactivateUserHandler } from './reactivate-user/reactivate-user.handler.js';
import { UserStandingHttpController } from './user-standing.http.controller.js';
import { ListUsersHttpController } from './list-users/list-users.http.controller.js';

@Module({
  imports: [CqrsModule],
  controllers: [ListUsersHttpController, RegisterUserHttpController, UserStandingHttpController, IssueTokenHttpController, RevokeTokensHttpController, IssueEnrollmentLinkHttpController, WhoAmIHttpController],
  providers: [
    RegisterUserHandler,
    IssueTokenHandler,
    RevokeTokensHandler,
    IssueEnrollmentLinkHandler,
    SetPasswordHandler,
    DeactivateUserHandler,
    ReactivateUserHandler,
    BootstrapAdminService,
    {
      provide: CREDENTIALS_STORE,
      useFactory: (config: LedgerConfig) => new CredentialsStore(join(config.dataDir, 'credentials.db')),
      inject: [LEDGER_CONFIG],
    },
  ],
  exports: [CREDENTIALS_STORE],
})
export class IdentityModule implements OnApplicationShutdown {
  constructor(@Inject(CREDENTIALS_STORE) private readonly credentials: CredentialsStore) {}

  onApplicationShutdown(): void {
    this.credentials.close();
  }
}

import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { DesigneeRoster } from '../auth/designee-roster.js';
import { BootstrapAdminService } from './bootstrap-admin.service.js';
import { IssueTokenHandler } from './issue-token/issue-token.handler.js';
import { IssueTokenHttpController } from './issue-token/issue-token.http.controller.js';
import { RegisterUserHandler } from './register-user/register-user.handler.js';
import { RegisterUserHttpController } from './register-user/register-user.http.controller.js';
import { RevokeTokensHandler } from './revoke-tokens/revoke-tokens.handler.js';
import { RevokeTokensHttpController } from './revoke-tokens/revoke-tokens.http.controller.js';
import { WhoAmIHttpController } from './who-am-i/who-am-i.http.controller.js';

@Module({
  imports: [CqrsModule],
  controllers: [RegisterUserHttpController, IssueTokenHttpController, RevokeTokensHttpController, WhoAmIHttpController],
  providers: [RegisterUserHandler, IssueTokenHandler, RevokeTokensHandler, BootstrapAdminService, DesigneeRoster],
  exports: [DesigneeRoster],
})
export class IdentityModule {}

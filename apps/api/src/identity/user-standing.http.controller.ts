import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../auth/authenticated-user.js';
import { ProblemResponses } from '../http/openapi.js';
import { idParam } from '../http/validation.js';
import { ReactivateUserCommand } from './reactivate-user/reactivate-user.command.js';
import { DeactivateUserCommand } from './deactivate-user/deactivate-user.command.js';

@ApiTags('users')
@Controller('v1/users/:userId')
export class UserStandingHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Offboarding: every token, web session, password and enrollment link of the user ends, on every instance sharing the ledger. */
  @Post('deactivation')
  @ApiOperation({ summary: 'Deactivate a user' })
  @HttpCode(204)
  @Roles('admin')
  @ApiNoContentResponse({ description: 'The user is deactivated: no sign-in by any means until reactivated and enrolled again' })
  @ProblemResponses([400, '`userId` is not a UUID'], [404, 'Unknown user'], [409, 'Already deactivated (`CASE-STATE`), or the last active admin (`LAST-ADMIN`)'])
  async deactivate(@Param('userId', idParam('userId')) userId: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.commands.execute(new DeactivateUserCommand(userId, user));
  }

  /** Active again, with no password and no token: issue an enrollment link (and a token, for the API). */
  @Post('reactivation')
  @ApiOperation({ summary: 'Reactivate a user' })
  @HttpCode(204)
  @Roles('admin')
  @ApiNoContentResponse({ description: 'The user is active again, with no password and no token' })
  @ProblemResponses([400, '`userId` is not a UUID'], [404, 'Unknown user'], [409, 'The user is active (`CASE-STATE`), or another active user now has their email (field `email`)'])
  async reactivate(@Param('userId', idParam('userId')) userId: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.commands.execute(new ReactivateUserCommand(userId, user));
  }
}

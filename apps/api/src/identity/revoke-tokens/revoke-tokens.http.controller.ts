import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { RevokeTokensCommand } from './revoke-tokens.command.js';
import { ProblemResponses } from '../../http/openapi.js';
import { idParam } from '../../http/validation.js';

@ApiTags('users')
@Controller('v1/users/:userId/tokens')
export class RevokeTokensHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Revokes every token of the user. */
  @Delete()
  @ApiOperation({ summary: 'Revoke every token of a user' })
  @HttpCode(204)
  @Roles('admin')
  @ApiNoContentResponse({ description: 'Every token of the user is revoked, effective on the next request' })
  @ProblemResponses([400, '`userId` is not a UUID'], [404, 'Unknown user'], 409)
  async revoke(@Param('userId', idParam('userId')) userId: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.commands.execute(new RevokeTokensCommand(userId, user));
  }
}

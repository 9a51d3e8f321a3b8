import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { IssueTokenCommand } from './issue-token.command.js';
import { ProblemResponses } from '../../http/openapi.js';
import { IssuedTokenResponseDto } from '../user.response.dto.js';
import { idParam } from '../../http/validation.js';

@ApiTags('users')
@Controller('v1/users/:userId/tokens')
export class IssueTokenHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiOperation({ summary: 'Issue a new token to a user' })
  @HttpCode(201)
  @Roles('admin')
  @ApiCreatedResponse({ description: 'A new token for the user, shown this once', type: IssuedTokenResponseDto })
  @ProblemResponses([400, '`userId` is not a UUID'], [404, 'Unknown user'], 409)
  async issue(@Param('userId', idParam('userId')) userId: string, @CurrentUser() user: AuthenticatedUser) {
    const issued = await this.commands.execute(new IssueTokenCommand(userId, user));
    return { token: issued.token, tokenId: issued.tokenId, position: issued.position };
  }
}

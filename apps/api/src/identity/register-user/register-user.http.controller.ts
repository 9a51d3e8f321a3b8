import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { RegisterUserCommand } from './register-user.command.js';
import { RegisterUserRequestDto } from './register-user.request.dto.js';
import { ProblemResponses } from '../../http/openapi.js';
import { RegisteredUserResponseDto } from '../user.response.dto.js';

@ApiTags('users')
@Controller('v1/users')
export class RegisterUserHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Creates a user; the answer holds their first token, shown this once. */
  @Post()
  @ApiOperation({ summary: 'Register a user and issue their first token' })
  @HttpCode(201)
  @Roles('admin')
  @ApiCreatedResponse({ description: 'The user and their first token, shown this once', type: RegisteredUserResponseDto })
  @ProblemResponses(400, 409)
  // 409 names the field: a username anyone has, or an email an active user has.
  async register(@Body() body: RegisterUserRequestDto, @CurrentUser() user: AuthenticatedUser) {
    const created = await this.commands.execute(new RegisterUserCommand(body.name, body.role, user, body.username, body.email?.toLowerCase()));
    return { userId: created.userId, name: created.name, role: created.role, username: created.username, email: created.email, token: created.token, position: created.position };
  }
}

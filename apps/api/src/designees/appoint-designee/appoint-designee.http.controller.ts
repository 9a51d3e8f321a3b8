import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { AppointDesigneeCommand } from './appoint-designee.command.js';
import { AppointDesigneeRequestDto } from './appoint-designee.request.dto.js';
import { ProblemResponses } from '../../http/openapi.js';
import { AppointDesigneeResponseDto } from './appoint-designee.response.dto.js';

@ApiTags('designees')
@Controller('v1/designees')
export class AppointDesigneeHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Gives a staff user the director's law-enforcement powers on [from, to). */
  @Post()
  @ApiOperation({ summary: 'Appoint the director\'s designee' })
  @HttpCode(201)
  @Roles('director')
  @ApiCreatedResponse({ description: 'The appointment', type: AppointDesigneeResponseDto })
  @ProblemResponses([400, 'Invalid body; `from` not before `to`; not a staff user'], [404, 'Unknown user'], 409)
  async appoint(@Body() body: AppointDesigneeRequestDto, @CurrentUser() user: AuthenticatedUser) {
    return this.commands.execute(new AppointDesigneeCommand(body.userId, body.from, body.to, user));
  }
}

import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { PatronRefRequestDto } from '../patron-ref.request.dto.js';
import { ReportCardLostCommand } from './report-card-lost.command.js';
import { ProblemResponses } from '../../http/openapi.js';
import { WriteResponseDto } from '../../http/write.response.dto.js';

@ApiTags('patrons')
@Controller('v1/patrons/card-lost')
export class ReportCardLostHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Records that the card `patronRef` names was reported lost or stolen: that card no longer identifies the patron; their other identifiers still do. */
  @Post()
  @ApiOperation({ summary: 'Report a patron\'s library card lost' })
  @HttpCode(201)
  @Roles('staff', 'director')
  @ApiCreatedResponse({ description: 'Recorded on the card\u2019s own stream', type: WriteResponseDto })
  @ProblemResponses(400, 409)
  async report(@Body() body: PatronRefRequestDto, @CurrentUser() user: AuthenticatedUser) {
    return this.commands.execute(new ReportCardLostCommand(body.patronRef, body.occurredAt, user));
  }
}

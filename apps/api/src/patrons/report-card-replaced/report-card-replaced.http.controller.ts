import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { PatronRefRequestDto } from '../patron-ref.request.dto.js';
import { ReportCardReplacedCommand } from './report-card-replaced.command.js';
import { ProblemResponses } from '../../http/openapi.js';
import { WriteResponseDto } from '../../http/write.response.dto.js';

@ApiTags('patrons')
@Controller('v1/patrons/card-replaced')
export class ReportCardReplacedHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Records that the lost card `patronRef` names was replaced: it stays dead (link the new card with `POST /v1/patrons/identifiers`). 409 CASE-STATE when no loss is on record, or it was replaced already. */
  @Post()
  @ApiOperation({ summary: 'Report a patron\'s library card replaced' })
  @HttpCode(201)
  @Roles('staff', 'director')
  @ApiCreatedResponse({ description: 'Recorded on the card\u2019s own stream', type: WriteResponseDto })
  @ProblemResponses(400, [409, '`rule: "CASE-STATE"`: no loss on record'])
  async report(@Body() body: PatronRefRequestDto, @CurrentUser() user: AuthenticatedUser) {
    return this.commands.execute(new ReportCardReplacedCommand(body.patronRef, body.occurredAt, user));
  }
}

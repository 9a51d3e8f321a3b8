import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { RecordWellnessCheckCommand } from './record-wellness-check.command.js';
import { RecordWellnessCheckRequestDto } from './record-wellness-check.request.dto.js';

@ApiTags('wellness-checks')
@ApiBearerAuth()
@Controller('v1/wellness-checks')
export class RecordWellnessCheckHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Records a law-enforcement wellness check and what was disclosed: a case opened and closed, outcome `released`. */
  @Post()
  @HttpCode(201)
  @Roles('staff', 'director')
  @ApiCreatedResponse({ description: '`{caseId, revision, position, status: "closed"}`' })
  @ApiUnprocessableEntityResponse({ description: '`rule: "WELLNESS-SCOPE"`: only name, phone and address may be disclosed' })
  async record(@Body() body: RecordWellnessCheckRequestDto, @CurrentUser() user: AuthenticatedUser) {
    return this.commands.execute(
      new RecordWellnessCheckCommand(body.patron.ref, body.concern, body.agency, body.officer, body.categories, body.occurredAt, user),
    );
  }
}

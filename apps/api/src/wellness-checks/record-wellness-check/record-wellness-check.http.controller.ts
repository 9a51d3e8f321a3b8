import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { RecordWellnessCheckCommand } from './record-wellness-check.command.js';
import { RecordWellnessCheckRequestDto } from './record-wellness-check.request.dto.js';
import { ProblemResponses } from '../../http/openapi.js';
import { CaseCommandResponseDto } from '../../cases/case-http.js';

@ApiTags('wellness-checks')
@ApiBearerAuth()
@Controller('v1/wellness-checks')
export class RecordWellnessCheckHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Records a law-enforcement wellness check and what was disclosed: a case opened and closed, outcome `released`. */
  @Post()
  @HttpCode(201)
  @Roles('staff', 'director')
  @ApiCreatedResponse({ description: 'A case opened and closed at once, `status: "closed"`, outcome `released`', type: CaseCommandResponseDto })
  @ProblemResponses(400, 409, [422, '`rule: "WELLNESS-SCOPE"`: only name, phone and address may be disclosed; `WELLNESS-IMMEDIATE-ONLY`'])
  async record(@Body() body: RecordWellnessCheckRequestDto, @CurrentUser() user: AuthenticatedUser) {
    return this.commands.execute(
      new RecordWellnessCheckCommand(body.patron.ref, body.concern, body.agency, body.officer, body.categories, body.occurredAt, user),
    );
  }
}

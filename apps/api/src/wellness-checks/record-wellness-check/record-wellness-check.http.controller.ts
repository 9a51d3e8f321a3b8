import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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

  /**
   * Staff suspect an immediate threat to a patron's welfare and call the agency for a welfare check
   * ("Wellness Checks"): records what they observed and what was disclosed, a case opened and closed,
   * outcome `released`; the director sees it on the board. Not for an agency asking the library about a
   * patron "for a welfare check": that is a law-enforcement inquiry (`POST /v1/cases`, LE-REFER).
   */
  @Post()
  @HttpCode(201)
  @Roles('staff', 'director')
  @ApiOperation({
    summary: 'Staff call law enforcement for a welfare check on a patron (the library\'s call, on an immediate threat)',
    description:
      'Only when library staff have reason to suspect an immediate threat to a patron\'s welfare (`immediateThreat: true`, with what they `observed`). An agency asking the library for a patron\'s details "for a welfare check" is a law-enforcement inquiry: `POST /v1/cases` (LE-REFER).',
  })
  @ApiCreatedResponse({ description: 'A case opened and closed at once, `status: "closed"`, outcome `released`', type: CaseCommandResponseDto })
  @ProblemResponses(400, 409, [
    422,
    '`rule: "WELLNESS-IMMEDIATE-ONLY"`: `immediateThreat` is not `true` or `observed` is missing (checked by the policy, not the body validation, so a missing field is 422 too); `rule: "WELLNESS-SCOPE"`: only name, phone and address may be disclosed',
  ])
  async record(@Body() body: RecordWellnessCheckRequestDto, @CurrentUser() user: AuthenticatedUser) {
    return this.commands.execute(
      new RecordWellnessCheckCommand(body.patron.ref, body.immediateThreat, body.observed, body.concern, body.agency, body.officer, body.categories, body.occurredAt, user),
    );
  }
}

import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { CaseCommandEndpoint, definedFields, envelopeOf } from '../case-http.js';
import { RecordProductionCommand } from './record-production.command.js';
import { RecordProductionRequestDto } from './record-production.request.dto.js';

@Controller('v1/cases/:caseId/productions')
export class RecordProductionHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('staff', 'director')
  @CaseCommandEndpoint({ created: 'Records handed over under the release decision; closes, outcome `released` or `released_in_part`.', policy: '`LE-NSL-NOT-APPLICABLE`: a national security letter alone; `LE-STATUTE-COURT-ORDER`: no court order or search warrant on the case and no written consent of the patron covering the categories; `LE-SCOPE`: outside instrument scope ∩ advice ∩ decision, or records of a period outside the instrument\'s', forbidden: '`LE-DIRECTOR-ONLY`: the director or an active designee only' })
  async record(
    @Param('caseId') caseId: string,
    @Body() body: RecordProductionRequestDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.commands.execute(new RecordProductionCommand(envelopeOf(caseId, user, body.occurredAt, ifMatch), definedFields(body, ['categories', 'recipient', 'method', 'inventory', 'recordsFrom', 'recordsTo'])));
  }
}

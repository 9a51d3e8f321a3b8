import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { CaseCommandEndpoint, definedFields, envelopeOf } from '../case-http.js';
import { RecordWarrantExecutionCommand } from './record-warrant-execution.command.js';
import { RecordWarrantExecutionRequestDto } from './record-warrant-execution.request.dto.js';

@Controller('v1/cases/:caseId/warrant-executions')
export class RecordWarrantExecutionHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('staff', 'director')
  @CaseCommandEndpoint({ created: 'A search warrant executed on the spot: what was taken. Needs a `search_warrant` instrument; the case stays open for counsel’s review.', policy: '`LE-WARRANT-REQUIRED` (no `search_warrant` on record), `LE-SCOPE` (outside the warrant)' })
  async record(
    @Param('caseId') caseId: string,
    @Body() body: RecordWarrantExecutionRequestDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.commands.execute(new RecordWarrantExecutionCommand(envelopeOf(caseId, user, body.occurredAt, ifMatch), definedFields(body, ['instrumentId', 'categories', 'officers', 'inventory', 'counselPresent'])));
  }
}

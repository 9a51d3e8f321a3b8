import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { CaseCommandEndpoint, definedFields, envelopeOf } from '../case-http.js';
import { RecordCounselAdviceCommand } from './record-counsel-advice.command.js';
import { RecordCounselAdviceRequestDto } from './record-counsel-advice.request.dto.js';

@Controller('v1/cases/:caseId/counsel-advice')
export class RecordCounselAdviceHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('counsel', 'director', 'staff')
  @CaseCommandEndpoint({ created: 'Counsel’s advice on the instruments; status `awaiting_decision`.', forbidden: '`LE-DIRECTOR-ONLY`: only the counsel the case was referred to may advise' })
  async record(
    @Param('caseId') caseId: string,
    @Body() body: RecordCounselAdviceRequestDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.commands.execute(new RecordCounselAdviceCommand(envelopeOf(caseId, user, body.occurredAt, ifMatch), definedFields(body, ['advice', 'scope', 'notes', 'filedAt', 'providesCommunicationService'])));
  }
}

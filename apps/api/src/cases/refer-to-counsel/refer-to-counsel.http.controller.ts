import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { CaseCommandEndpoint, definedFields, envelopeOf } from '../case-http.js';
import { ReferToCounselCommand } from './refer-to-counsel.command.js';
import { ReferToCounselRequestDto } from './refer-to-counsel.request.dto.js';

@Controller('v1/cases/:caseId/counsel-referrals')
export class ReferToCounselHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('staff', 'director')
  @CaseCommandEndpoint({ created: 'Refers the case to legal counsel (step 4); status `awaiting_counsel`. Only that counsel may then advise.', forbidden: '`LE-DIRECTOR-ONLY`: the director or an active designee only' })
  async refer(
    @Param('caseId') caseId: string,
    @Body() body: ReferToCounselRequestDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.commands.execute(new ReferToCounselCommand(envelopeOf(caseId, user, body.occurredAt, ifMatch), definedFields(body, ['counselUserId', 'note'])));
  }
}

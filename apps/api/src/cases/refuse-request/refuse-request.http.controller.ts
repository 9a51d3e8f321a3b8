import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { CaseCommandEndpoint, definedFields, envelopeOf } from '../case-http.js';
import { RefuseRequestCommand } from './refuse-request.command.js';
import { RefuseRequestRequestDto } from './refuse-request.request.dto.js';

@Controller('v1/cases/:caseId/refusals')
export class RefuseRequestHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('staff', 'director')
  @CaseCommandEndpoint({ created: 'Refuses the request; closes the case, outcome `refused`.', policy: '`LE-COUNSEL-FIRST`: a legal instrument is on the case and counsel has not advised yet', forbidden: '`LE-DIRECTOR-ONLY` on a law-enforcement case for staff who are not active designees (they refer it)' })
  async refuse(
    @Param('caseId') caseId: string,
    @Body() body: RefuseRequestRequestDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.commands.execute(new RefuseRequestCommand(envelopeOf(caseId, user, body.occurredAt, ifMatch), definedFields(body, ['reason'])));
  }
}

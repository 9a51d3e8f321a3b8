import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { CaseCommandEndpoint, definedFields, envelopeOf } from '../case-http.js';
import { ReferToDirectorCommand } from './refer-to-director.command.js';
import { ReferToDirectorRequestDto } from './refer-to-director.request.dto.js';

@Controller('v1/cases/:caseId/director-referrals')
export class ReferToDirectorHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('staff', 'director')
  @CaseCommandEndpoint({ created: 'Refers the case to the director (law enforcement: step 2); status `with_director`.' })
  async refer(
    @Param('caseId') caseId: string,
    @Body() body: ReferToDirectorRequestDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.commands.execute(new ReferToDirectorCommand(envelopeOf(caseId, user, body.occurredAt, ifMatch), definedFields(body, ['note'])));
  }
}

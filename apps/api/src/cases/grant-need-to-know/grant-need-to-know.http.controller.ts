import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { CaseCommandEndpoint, definedFields, envelopeOf } from '../case-http.js';
import { GrantNeedToKnowCommand } from './grant-need-to-know.command.js';
import { GrantNeedToKnowRequestDto } from './grant-need-to-know.request.dto.js';

@Controller('v1/cases/:caseId/need-to-know')
export class GrantNeedToKnowHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('director')
  @CaseCommandEndpoint({ created: 'Lets a user read this case (a sealed one included).', policy: '`ADMIN-NO-CASE-DATA`: never an admin', forbidden: 'Only the director' })
  async grant(
    @Param('caseId') caseId: string,
    @Body() body: GrantNeedToKnowRequestDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.commands.execute(new GrantNeedToKnowCommand(envelopeOf(caseId, user, body.occurredAt, ifMatch), definedFields(body, ['userId'])));
  }
}

import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { CaseCommandEndpoint, definedFields, envelopeOf } from '../case-http.js';
import { ConfirmEarlierTimeCommand } from './confirm-earlier-time.command.js';
import { ConfirmEarlierTimeRequestDto } from './confirm-earlier-time.request.dto.js';

@Controller('v1/cases/:caseId/time-confirmations')
export class ConfirmEarlierTimeHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('director')
  @CaseCommandEndpoint({
    created: 'The Director confirms that the case’s current referral, advice or decision happened when it was dated, though recorded later: findings measure it from that time again (third reading).',
    forbidden: '`ROLE-NOT-PERMITTED`: only the Director, never a designee',
  })
  async confirm(
    @Param('caseId') caseId: string,
    @Body() body: ConfirmEarlierTimeRequestDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.commands.execute(new ConfirmEarlierTimeCommand(envelopeOf(caseId, user, body.occurredAt, ifMatch), definedFields(body, ['act', 'note'])));
  }
}

import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { CaseCommandEndpoint, definedFields, envelopeOf } from '../case-http.js';
import { ExplainPolicyCommand } from './explain-policy.command.js';
import { ExplainPolicyRequestDto } from './explain-policy.request.dto.js';

@Controller('v1/cases/:caseId/policy-explanations')
export class ExplainPolicyHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('staff', 'director')
  @CaseCommandEndpoint({ created: 'No instrument was produced: the director explained the policy and the law (step 3); closes, outcome `refused_no_instrument`. 409 CASE-STATE once an instrument is on record.', forbidden: '`LE-DIRECTOR-ONLY`: the director or an active designee only' })
  async explain(
    @Param('caseId') caseId: string,
    @Body() body: ExplainPolicyRequestDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.commands.execute(new ExplainPolicyCommand(envelopeOf(caseId, user, body.occurredAt, ifMatch), definedFields(body, ['note'])));
  }
}

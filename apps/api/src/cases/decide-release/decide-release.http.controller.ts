import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { CaseCommandEndpoint, definedFields, envelopeOf } from '../case-http.js';
import { DecideReleaseCommand } from './decide-release.command.js';
import { DecideReleaseRequestDto } from './decide-release.request.dto.js';

@Controller('v1/cases/:caseId/release-decisions')
export class DecideReleaseHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('staff', 'director')
  @CaseCommandEndpoint({ created: 'The director’s decision, based on counsel’s advice: `deny` closes (outcome `refused`), otherwise status `decided`.', policy: '`LE-INSTRUMENT-REQUIRED`, `LE-NSL-NOT-APPLICABLE`, `LE-STATUTE-COURT-ORDER` (no court order or search warrant, and no written consent of the patron covering the categories), `LE-COUNSEL-FIRST` (a `deny` too, once an instrument is on the case), `LE-ADVICE-AGAINST`, `LE-SCOPE`', forbidden: '`LE-DIRECTOR-ONLY`: the director or an active designee only' })
  async decide(
    @Param('caseId') caseId: string,
    @Body() body: DecideReleaseRequestDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.commands.execute(new DecideReleaseCommand(envelopeOf(caseId, user, body.occurredAt, ifMatch), definedFields(body, ['decision', 'categories', 'rationale'])));
  }
}

import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { CaseCommandEndpoint, definedFields, envelopeOf } from '../case-http.js';
import { RecordReleaseCommand } from './record-release.command.js';
import { RecordReleaseRequestDto } from './record-release.request.dto.js';

@Controller('v1/cases/:caseId/releases')
export class RecordReleaseHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('staff', 'director')
  @CaseCommandEndpoint({ created: 'Staff release records across the desk; closes the case, outcome `released` or `released_in_part`.', policy: '`RELEASE-SCOPE` (outside `permittedCategories`, or a `deny` route), `FAMILY-NO-CONTACT`, `LE-STAFF-NO-RELEASE`' })
  async record(
    @Param('caseId') caseId: string,
    @Body() body: RecordReleaseRequestDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.commands.execute(new RecordReleaseCommand(envelopeOf(caseId, user, body.occurredAt, ifMatch), definedFields(body, ['categories', 'recipient', 'method'])));
  }
}

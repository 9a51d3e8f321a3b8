import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { CaseCommandEndpoint, envelopeOf, RecordedInstrumentResponseDto } from '../case-http.js';
import { RecordLegalInstrumentCommand } from './record-legal-instrument.command.js';
import { RecordLegalInstrumentRequestDto, toInstrumentFields } from './record-legal-instrument.request.dto.js';

@Controller('v1/cases/:caseId/legal-instruments')
export class RecordLegalInstrumentHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('staff', 'director')
  @CaseCommandEndpoint({ created: 'Records a subpoena, warrant, court order or other instrument served on the library; a non-disclosure order seals the case. Answers `instrumentId`.', forbidden: '`LE-DIRECTOR-ONLY`: the director or an active designee only; staff may record a `search_warrant` served while neither is there (the case goes to the director, finding WARRANT-STAFF-RECORDED)', responseType: RecordedInstrumentResponseDto })
  async record(
    @Param('caseId') caseId: string,
    @Body() body: RecordLegalInstrumentRequestDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.commands.execute(new RecordLegalInstrumentCommand(envelopeOf(caseId, user, body.occurredAt, ifMatch), toInstrumentFields(body)));
  }
}

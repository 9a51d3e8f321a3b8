import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { newEntityId } from '@ledger/ledger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { ProblemResponses } from '../../http/openapi.js';
import { AffectedPatronsAddedDto, IncidentWriteDto, NoticeDelayRecordedDto } from '../incident.response.dto.js';
import { IncidentFollowUpRecorder } from './incident-follow-up.recorder.js';
import { AddAffectedPatronsRequestDto, RecordAttorneyGeneralNoticeRequestDto, RecordNoticeDelayRequestDto } from './incident-follow-ups.request.dto.js';

@ApiTags('incidents')
@Controller('v1/incidents/:incidentId')
export class IncidentFollowUpsHttpController {
  constructor(private readonly recorder: IncidentFollowUpRecorder) {}

  /**
   * The notice to the Office of the Attorney General (the breach statute: not later than the
   * residents'). A resident notified first, or no notice by the deadline, is an `AG-NOTICE-LATE`
   * violation when the statute applies.
   */
  @Post('attorney-general-notice')
  @ApiOperation({ summary: 'Record the notice of a breach to the Attorney General' })
  @HttpCode(201)
  @Roles('director')
  @ApiCreatedResponse({ type: IncidentWriteDto })
  @ProblemResponses([400, 'Invalid body; `notifiedAt` before discovery, in the future or more than `LEDGER_MAX_BACKDATE_DAYS` back'], [404, 'Unknown incident'], [409, 'Already recorded'])
  async attorneyGeneralNotice(@Param('incidentId') incidentId: string, @Body() body: RecordAttorneyGeneralNoticeRequestDto, @CurrentUser() user: AuthenticatedUser): Promise<IncidentWriteDto> {
    const written = await this.recorder.record(incidentId, user, (base) => ({
      type: 'RecordAttorneyGeneralNotice',
      ...base,
      incidentId,
      notifiedAt: body.notifiedAt,
      maxBackdateDays: this.recorder.maxBackdateDays,
    }));
    return { incidentId, ...written };
  }

  /** Law enforcement asked the library to delay notice (the breach statute's delay): the notice clocks stop from `from` to `to`. */
  @Post('delays')
  @ApiOperation({ summary: 'Record law enforcement’s request to delay breach notices' })
  @HttpCode(201)
  @Roles('director')
  @ApiCreatedResponse({ type: NoticeDelayRecordedDto })
  @ProblemResponses([400, 'Invalid body; `from` before discovery or more than `LEDGER_MAX_BACKDATE_DAYS` back; `to` not after `from`'], [404, 'Unknown incident'], 409)
  async delay(@Param('incidentId') incidentId: string, @Body() body: RecordNoticeDelayRequestDto, @CurrentUser() user: AuthenticatedUser): Promise<NoticeDelayRecordedDto> {
    const delayId = newEntityId();
    const written = await this.recorder.record(incidentId, user, (base) => ({
      type: 'RecordNoticeDelay',
      ...base,
      incidentId,
      delayId,
      requestedBy: body.requestedBy,
      from: body.from,
      to: body.to,
      maxBackdateDays: this.recorder.maxBackdateDays,
    }));
    return { incidentId, delayId, ...written };
  }

  /** Patrons found affected after the incident was recorded: each one's notice clock runs from now. */
  @Post('affected')
  @ApiOperation({ summary: 'Add patrons found later to a breach incident' })
  @HttpCode(201)
  @Roles('director')
  @ApiCreatedResponse({ type: AffectedPatronsAddedDto })
  @ProblemResponses([400, 'Invalid body; every patron listed is already affected'], [404, 'Unknown incident'], 409)
  async affected(@Param('incidentId') incidentId: string, @Body() body: AddAffectedPatronsRequestDto, @CurrentUser() user: AuthenticatedUser): Promise<AffectedPatronsAddedDto> {
    const affectedPatrons = await this.recorder.protectAffected(incidentId, body.patronRefs);
    const written = await this.recorder.record(incidentId, user, (base) => ({ type: 'AddAffectedPatrons', ...base, incidentId, affectedPatrons }));
    return { incidentId, ...written };
  }
}

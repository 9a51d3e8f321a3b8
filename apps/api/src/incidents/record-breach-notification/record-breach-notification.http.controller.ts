import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { ProblemResponses } from '../../http/openapi.js';
import { NotificationRecordedDto } from '../incident.response.dto.js';
import { RecordBreachNotificationCommand } from './record-breach-notification.command.js';
import { RecordBreachNotificationRequestDto } from './record-breach-notification.request.dto.js';

@ApiTags('incidents')
@Controller('v1/incidents/:incidentId/notifications')
export class RecordBreachNotificationHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Records a notice sent to an affected patron (or to the described group): to whom, how, when. */
  @Post()
  @ApiOperation({ summary: 'Record a breach notification' })
  @HttpCode(201)
  @Roles('director')
  @ApiCreatedResponse({ type: NotificationRecordedDto })
  @ProblemResponses([400, 'Invalid body; not exactly one of `patronRef` and `group`; a patron not affected; `notifiedAt` before discovery, or more than `LEDGER_MAX_BACKDATE_DAYS` before now'], [404, 'Unknown incident'], 409)
  async record(@Param('incidentId') incidentId: string, @Body() body: RecordBreachNotificationRequestDto, @CurrentUser() user: AuthenticatedUser) {
    return this.commands.execute(new RecordBreachNotificationCommand(incidentId, { patronRef: body.patronRef, group: body.group }, body.method, body.notifiedAt, user));
  }
}

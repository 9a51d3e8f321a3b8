import { Body, Controller, HttpCode, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { ProblemResponses } from '../../http/openapi.js';
import { SetRetentionScheduleResponseDto } from '../retention.response.dto.js';
import { SetRetentionScheduleCommand } from './set-retention-schedule.command.js';
import { SetRetentionScheduleRequestDto } from './set-retention-schedule.request.dto.js';

@ApiTags('retention')
@Controller('v1/retention/schedule')
export class SetRetentionScheduleHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** The director sets a new schedule (recorded as an event); it governs every purge from now on. One that lowers a floor is a proposal for counsel instead. */
  @Put()
  @ApiOperation({ summary: 'Set the retention schedule' })
  @HttpCode(200)
  @Roles('director')
  @ApiOkResponse({ type: SetRetentionScheduleResponseDto })
  @ProblemResponses([400, 'Invalid body, or a schedule that does not name every kind of case once'], 409, [422, '`RETENTION-COUNSEL-APPROVAL`: it lowers a floor (propose it instead)'])
  async set(@Body() body: SetRetentionScheduleRequestDto, @CurrentUser() user: AuthenticatedUser) {
    return this.commands.execute(new SetRetentionScheduleCommand(body.rules, user));
  }
}

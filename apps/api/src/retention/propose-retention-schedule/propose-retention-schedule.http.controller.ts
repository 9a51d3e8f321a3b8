import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { ProblemResponses } from '../../http/openapi.js';
import { ScheduleProposedDto } from '../retention.response.dto.js';
import { SetRetentionScheduleRequestDto } from '../set-retention-schedule/set-retention-schedule.request.dto.js';
import { ProposeRetentionScheduleCommand } from './propose-retention-schedule.command.js';

@ApiTags('retention')
@Controller('v1/retention/schedule-proposals')
export class ProposeRetentionScheduleHttpController {
  constructor(private readonly commands: CommandBus) {}

  /**
   * The director proposes a schedule. One that lowers no floor is in force at once; one that keeps what
   * the law keeps (law enforcement, instruments, violations) for less, or any kind below its floor,
   * waits for counsel's approval.
   */
  @Post()
  @ApiOperation({ summary: 'Propose a change to the retention schedule' })
  @HttpCode(201)
  @Roles('director')
  @ApiCreatedResponse({ type: ScheduleProposedDto })
  @ProblemResponses([400, 'Invalid body, or a schedule that does not name every kind of case once'], 409)
  async propose(@Body() body: SetRetentionScheduleRequestDto, @CurrentUser() user: AuthenticatedUser) {
    return this.commands.execute(new ProposeRetentionScheduleCommand(body.rules, user));
  }
}

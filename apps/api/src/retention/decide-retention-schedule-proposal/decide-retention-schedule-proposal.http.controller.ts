import { Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { ProblemResponses } from '../../http/openapi.js';
import { SetRetentionScheduleResponseDto } from '../retention.response.dto.js';
import { DecideRetentionScheduleProposalCommand } from './decide-retention-schedule-proposal.command.js';

@ApiTags('retention')
@Controller('v1/retention/schedule-proposals')
export class DecideRetentionScheduleProposalHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Counsel approves a proposal that lowers a floor: the schedule it names is in force from now. */
  @Post(':proposalId/approval')
  @ApiOperation({ summary: 'Approve a retention schedule proposal' })
  @HttpCode(200)
  @Roles('counsel')
  @ApiOkResponse({ type: SetRetentionScheduleResponseDto })
  @ProblemResponses([404, 'Unknown proposal'], [409, '`CASE-STATE`: approved or withdrawn already, or the schedule changed since it was proposed'])
  async approve(@Param('proposalId') proposalId: string, @CurrentUser() user: AuthenticatedUser) {
    return this.commands.execute(new DecideRetentionScheduleProposalCommand(proposalId, 'approve', user));
  }

  /** The director or counsel withdraws a proposal still waiting for counsel. */
  @Delete(':proposalId')
  @ApiOperation({ summary: 'Withdraw a retention schedule proposal' })
  @HttpCode(204)
  @Roles('director', 'counsel')
  @ApiNoContentResponse({ description: 'Withdrawn' })
  @ProblemResponses([404, 'Unknown proposal'], [409, '`CASE-STATE`: approved or withdrawn already'])
  async withdraw(@Param('proposalId') proposalId: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.commands.execute(new DecideRetentionScheduleProposalCommand(proposalId, 'withdraw', user));
  }
}

import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { ProblemResponses } from '../../http/openapi.js';
import { ReleaseLegalHoldCommand } from './release-legal-hold.command.js';

@ApiTags('legal holds')
@Controller('v1/legal-holds')
export class ReleaseLegalHoldHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Counsel releases a hold: the identities it covered follow the schedule again. */
  @Delete(':holdId')
  @ApiOperation({ summary: 'Release a legal hold' })
  @HttpCode(204)
  @Roles('counsel')
  @ApiNoContentResponse({ description: 'Released' })
  @ProblemResponses([404, 'Unknown hold'], [409, '`CASE-STATE`: already released'])
  async release(@Param('holdId') holdId: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.commands.execute(new ReleaseLegalHoldCommand(holdId, user));
  }
}

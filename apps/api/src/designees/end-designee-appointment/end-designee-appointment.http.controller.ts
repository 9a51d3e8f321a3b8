import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { EndDesigneeAppointmentCommand } from './end-designee-appointment.command.js';
import { ProblemResponses } from '../../http/openapi.js';
import { idParam } from '../../http/validation.js';

@ApiTags('designees')
@Controller('v1/designees/:userId')
export class EndDesigneeAppointmentHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Ends the user's current and future appointments now. */
  @Delete()
  @ApiOperation({ summary: 'End a designee\'s appointment' })
  @HttpCode(204)
  @Roles('director')
  @ApiNoContentResponse({ description: 'Ended' })
  @ProblemResponses([400, '`userId` is not a UUID'], [404, 'No appointment in force or to come'], 409)
  async end(@Param('userId', idParam('userId')) userId: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.commands.execute(new EndDesigneeAppointmentCommand(userId, user));
  }
}

import { Controller, Delete, HttpCode, Param, ParseUUIDPipe } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNoContentResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { RevokeWrittenConsentCommand } from './revoke-written-consent.command.js';

@ApiTags('patrons')
@ApiBearerAuth()
@Controller('v1/patrons/consents/:consentId')
export class RevokeWrittenConsentHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Revokes a written consent from now on. */
  @Delete()
  @HttpCode(204)
  @Roles('staff', 'director')
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiNotFoundResponse({ description: 'No such consent' })
  async revoke(@Param('consentId', new ParseUUIDPipe()) consentId: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.commands.execute(new RevokeWrittenConsentCommand(consentId, user));
  }
}

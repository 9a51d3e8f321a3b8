import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { RevokeWrittenConsentCommand } from './revoke-written-consent.command.js';
import { ProblemResponses } from '../../http/openapi.js';
import { idParam } from '../../http/validation.js';

@ApiTags('patrons')
@Controller('v1/patrons/consents/:consentId')
export class RevokeWrittenConsentHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Revokes a written consent from now on. */
  @Delete()
  @ApiOperation({ summary: 'Revoke a patron\'s written consent' })
  @HttpCode(204)
  @Roles('staff', 'director')
  @ApiNoContentResponse({ description: 'Revoked' })
  @ProblemResponses([400, '`consentId` is not a UUID'], [404, 'No such consent'], [409, '`rule: "CASE-STATE"`: already revoked'])
  async revoke(@Param('consentId', idParam('consentId')) consentId: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.commands.execute(new RevokeWrittenConsentCommand(consentId, user));
  }
}

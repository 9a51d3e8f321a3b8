import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { GiveWrittenConsentCommand } from './give-written-consent.command.js';
import { GiveWrittenConsentRequestDto } from './give-written-consent.request.dto.js';
import { ProblemResponses } from '../../http/openapi.js';
import { GiveWrittenConsentResponseDto } from './give-written-consent.response.dto.js';

@ApiTags('patrons')
@Controller('v1/patrons/consents')
export class GiveWrittenConsentHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Records the patron's signed written consent naming a grantee and the categories they may receive. */
  @Post()
  @ApiOperation({ summary: 'Record a patron\'s written consent' })
  @HttpCode(201)
  @Roles('staff', 'director')
  @ApiCreatedResponse({ description: 'The consent, in force from now', type: GiveWrittenConsentResponseDto })
  @ProblemResponses([400, 'Invalid body; `expiresAt` not in the future'], 409, [422, '`CONSENT-PROOF`: no `documentSha256`, no `identification`, a minor without `guardianIdentification`, or a card reported lost'])
  async give(@Body() body: GiveWrittenConsentRequestDto, @CurrentUser() user: AuthenticatedUser) {
    return this.commands.execute(
      new GiveWrittenConsentCommand(body.patronRef, body.grantee, body.categories, body.expiresAt, body.documentSha256, body.occurredAt, user, {
        identification: body.identification,
        minor: body.minor,
        guardianIdentification: body.guardianIdentification,
      }),
    );
  }
}

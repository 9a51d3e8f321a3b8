import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { ProblemResponses } from '../../http/openapi.js';
import { PurgeResponseDto } from '../retention.response.dto.js';
import { PurgeCaseIdentityCommand } from './purge-case-identity.command.js';
import { PurgeCaseIdentityRequestDto } from './purge-case-identity.request.dto.js';

@ApiTags('retention')
@Controller('v1/retention/purges')
export class PurgeCaseIdentityHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** The director shreds one closed case's patron identity once it is due under the schedule: the key is destroyed and the shred recorded, with the disposition authority when given. */
  @Post()
  @ApiOperation({ summary: 'Purge a closed case\'s patron identity (its key is shredded)' })
  @HttpCode(201)
  @Roles('director')
  @ApiCreatedResponse({ type: PurgeResponseDto })
  @ProblemResponses(400, 404, [409, '`CASE-STATE`: the case is open or its identity is already shredded'], [422, '`LEGAL-HOLD` (a hold covers it), `RETENTION-UNTIL-RELEASED`, or `RETENTION-NOT-DUE` (not due yet: the detail gives the due date)'])
  async purge(@Body() body: PurgeCaseIdentityRequestDto, @CurrentUser() user: AuthenticatedUser) {
    return this.commands.execute(new PurgeCaseIdentityCommand(body.caseId, { basis: 'by_hand', user, reason: body.reason }, body.dispositionAuthority));
  }
}

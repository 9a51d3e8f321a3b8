import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { InvalidCommand } from '@ledger/domain';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { ProblemResponses } from '../../http/openapi.js';
import { LegalHoldCreatedDto } from '../retention.response.dto.js';
import { PlaceLegalHoldCommand } from './place-legal-hold.command.js';
import { PlaceLegalHoldRequestDto } from './place-legal-hold.request.dto.js';

@ApiTags('legal holds')
@Controller('v1/legal-holds')
export class PlaceLegalHoldHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Places a legal hold on a case or on every case of a patron: no expiry; while it stands no identity it covers is shredded. */
  @Post()
  @ApiOperation({ summary: 'Place a legal hold' })
  @HttpCode(201)
  @Roles('counsel', 'director')
  @ApiCreatedResponse({ type: LegalHoldCreatedDto })
  @ProblemResponses([400, 'Invalid body, or not exactly one of `caseId` and `patronRef`'], [404, 'Unknown case'], 409)
  async place(@Body() body: PlaceLegalHoldRequestDto, @CurrentUser() user: AuthenticatedUser) {
    if ((body.caseId === undefined) === (body.patronRef === undefined)) {
      throw new InvalidCommand('Name exactly one of caseId and patronRef', 'caseId');
    }
    const target = body.caseId !== undefined ? { caseId: body.caseId } : { patronRef: body.patronRef! };
    return this.commands.execute(new PlaceLegalHoldCommand(target, body.reason, body.matter, user));
  }
}

import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { ProblemResponses } from '../../http/openapi.js';
import { IncidentRecordedDto } from '../incident.response.dto.js';
import { RecordBreachIncidentCommand } from './record-breach-incident.command.js';
import { RecordBreachIncidentRequestDto } from './record-breach-incident.request.dto.js';

@ApiTags('incidents')
@Controller('v1/incidents')
export class RecordBreachIncidentHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** The director records a data breach: from `discoveredAt`, each affected patron must be notified within the notice period. */
  @Post()
  @ApiOperation({ summary: 'Record a breach incident' })
  @HttpCode(201)
  @Roles('director')
  @ApiCreatedResponse({ type: IncidentRecordedDto })
  @ProblemResponses([400, 'Invalid body; `discoveredAt` in the future; no one affected; no `dataElements`'], 409)
  async record(@Body() body: RecordBreachIncidentRequestDto, @CurrentUser() user: AuthenticatedUser) {
    return this.commands.execute(new RecordBreachIncidentCommand(body.discoveredAt, body.description, body.systems, body.affected, body.dataElements, user));
  }
}

import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { ProblemResponses } from '../../http/openapi.js';
import { ErasureAnswerDto, ErasureRequestRecordedDto } from '../retention.response.dto.js';
import { AnswerErasureRequestCommand, RecordErasureRequestCommand } from './answer-erasure-request.command.js';
import { AnswerErasureRequestRequestDto } from './answer-erasure-request.request.dto.js';

@ApiTags('patrons')
@Controller('v1/patrons/erasure-requests')
export class AnswerErasureRequestHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Staff record a patron's request to delete their personal information, checked as a patron's own request in person; nothing is shredded until the Director approves it. */
  @Post()
  @ApiOperation({ summary: 'Record a patron\'s request to erase their personal information' })
  @HttpCode(201)
  @Roles('staff', 'director')
  @ApiCreatedResponse({ type: ErasureRequestRecordedDto })
  @ProblemResponses(400, 409, [422, '`ERASURE-ID` (not the patron in person with a card or photo id) or `CARD-LOST` (the card shown is reported lost)'])
  async record(@Body() body: AnswerErasureRequestRequestDto, @CurrentUser() user: AuthenticatedUser) {
    const kinds = body.identification.map((identification) => identification.kind);
    return this.commands.execute(new RecordErasureRequestCommand(body.patronRef, body.requesterKind ?? 'patron', body.channel ?? 'in_person', kinds, user));
  }

  /** The Director approves a recorded request: shreds what may go, says what is kept (a sealed case never named) and what remains. */
  @Post(':requestId/approval')
  @ApiOperation({ summary: 'Approve a patron\'s erasure request' })
  @HttpCode(200)
  @Roles('director')
  @ApiOkResponse({ type: ErasureAnswerDto })
  @ProblemResponses([404, 'No request awaiting approval with this id'], 409)
  async approve(@Param('requestId') requestId: string, @CurrentUser() user: AuthenticatedUser) {
    return this.commands.execute(new AnswerErasureRequestCommand(requestId, user));
  }
}

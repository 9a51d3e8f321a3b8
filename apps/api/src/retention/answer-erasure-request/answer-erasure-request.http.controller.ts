import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { ProblemResponses } from '../../http/openapi.js';
import { ErasureAnswerDto } from '../retention.response.dto.js';
import { AnswerErasureRequestCommand } from './answer-erasure-request.command.js';
import { AnswerErasureRequestRequestDto } from './answer-erasure-request.request.dto.js';

@ApiTags('patrons')
@ApiBearerAuth()
@Controller('v1/patrons/erasure-requests')
export class AnswerErasureRequestHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** A patron's verified request to delete their personal information: shreds what may go, says what is kept and why. */
  @Post()
  @HttpCode(201)
  @Roles('staff', 'director')
  @ApiCreatedResponse({ type: ErasureAnswerDto })
  @ProblemResponses(400, 409, [422, '`ID-REQUIRED`: the patron showed no photo id, library card or account login'])
  async answer(@Body() body: AnswerErasureRequestRequestDto, @CurrentUser() user: AuthenticatedUser) {
    return this.commands.execute(new AnswerErasureRequestCommand(body.patronRef, body.identification.map((identification) => identification.kind), user));
  }
}

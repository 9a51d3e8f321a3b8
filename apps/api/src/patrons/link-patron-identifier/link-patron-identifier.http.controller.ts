import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { ProblemResponses } from '../../http/openapi.js';
import { LinkPatronIdentifierCommand } from './link-patron-identifier.command.js';
import { LinkPatronIdentifierRequestDto } from './link-patron-identifier.request.dto.js';
import { LinkPatronIdentifierResponseDto } from './link-patron-identifier.response.dto.js';

@ApiTags('patrons')
@Controller('v1/patrons/identifiers')
export class LinkPatronIdentifierHttpController {
  constructor(private readonly commands: CommandBus) {}

  /**
   * Links another card number or the ILS patron id to the patron `patronRef` names, once staff have
   * checked the patron's identification: from then on holds, consents, erasure and searches act on the
   * patron through either. Linking the same pair again changes nothing.
   */
  @Post()
  @ApiOperation({ summary: 'Link another card number or patron ID to a patron' })
  @HttpCode(201)
  @Roles('staff', 'director')
  @ApiCreatedResponse({ description: 'Both identifiers name one patron', type: LinkPatronIdentifierResponseDto })
  @ProblemResponses(400, [409, '`rule: "CASE-STATE"`: the identifier already belongs to another patron; nothing was linked'])
  async link(@Body() body: LinkPatronIdentifierRequestDto, @CurrentUser() user: AuthenticatedUser) {
    return this.commands.execute(new LinkPatronIdentifierCommand(body.patronRef, body.identifier, user));
  }
}

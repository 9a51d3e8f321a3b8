import { Body, Controller, Headers, HttpCode, Param, Post, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../auth/authenticated-user.js';
import { parseIfMatch } from '../http/if-match.js';
import { ProblemResponses } from '../http/openapi.js';
import { CaseCommandEndpoint } from './case-http.js';
import type { CaseCommandRequestDto } from './case-command.request.dto.js';
import type { CaseCommandEntry, OnCaseCommand, OpeningCommand } from './case-commands.table.js';
import { CaseCommands } from './case-commands.service.js';

/** One controller per entry of the case command table: its route, roles, request DTO and OpenAPI text. */
export function caseCommandControllers(entries: readonly CaseCommandEntry[]): Type[] {
  return entries.map((entry) => (entry.opens ? openingController(entry as OpeningCommand) : onCaseController(entry as OnCaseCommand)));
}

function onCaseController(entry: OnCaseCommand): Type {
  @Controller(`v1/cases/:caseId/${entry.path}`)
  class CaseCommandController {
    constructor(private readonly commands: CaseCommands) {}

    @Post()
    @HttpCode(201)
    @Roles(...entry.roles)
    @CaseCommandEndpoint(entry.openapi)
    run(@Param('caseId') caseId: string, @Body() body: CaseCommandRequestDto, @Headers('if-match') ifMatch: string | undefined, @CurrentUser() user: AuthenticatedUser) {
      const revision = parseIfMatch(ifMatch);
      return this.commands.run(entry, { caseId, user, ...(revision !== undefined && { ifMatch: revision }) }, body);
    }
  }
  return named(CaseCommandController, entry, [String, entry.request, String, Object]);
}

function openingController(entry: OpeningCommand): Type {
  const { openapi } = entry;
  @ApiTags(openapi.tag)
  @ApiBearerAuth()
  @Controller(entry.path)
  class OpeningController {
    constructor(private readonly commands: CaseCommands) {}

    @Post()
    @HttpCode(201)
    @Roles(...entry.roles)
    @ApiOperation({ summary: openapi.summary, ...(openapi.description && { description: openapi.description }) })
    @ApiCreatedResponse({ description: openapi.created, type: openapi.responseType })
    @ProblemResponses(...openapi.problems)
    open(@Body() body: object, @CurrentUser() user: AuthenticatedUser) {
      return this.commands.open(entry, body, user);
    }
  }
  return named(OpeningController, entry, [entry.request, Object]);
}

/**
 * The controller takes the entry's name (OpenAPI operation ids and Nest's logs read it), and its
 * handler's parameter types name the entry's request DTO: the validation pipe and the OpenAPI
 * document read the body's class from there, as they would from a hand-written controller.
 */
function named(controller: Type, entry: CaseCommandEntry, parameterTypes: readonly unknown[]): Type {
  Object.defineProperty(controller, 'name', { value: `${entry.type}HttpController` });
  const method = entry.opens ? 'open' : 'run';
  Reflect.defineMetadata('design:paramtypes', parameterTypes, controller.prototype as object, method);
  return controller;
}

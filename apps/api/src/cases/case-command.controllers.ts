import { Body, Controller, Headers, HttpCode, Param, Post, type Type, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiExtraModels, getSchemaPath, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../auth/authenticated-user.js';
import { parseIfMatch } from '../http/if-match.js';
import { ProblemResponses } from '../http/openapi.js';
import { CaseCommandEndpoint } from './case-http.js';
import type { CaseCommandRequestDto } from './case-command.request.dto.js';
import type { CaseCommandEntry, OnCaseCommand, OpeningCommand } from './case-commands.table.js';
import { CaseCommands } from './case-commands.service.js';
import { uploadLimits } from './attachments/upload-limits.js';

/** One controller per entry of the case command table: its route, roles, request DTO and OpenAPI text. */
export function caseCommandControllers(entries: readonly CaseCommandEntry[]): Type[] {
  return entries.map((entry) => (entry.opens ? openingController(entry as OpeningCommand) : onCaseController(entry as OnCaseCommand)));
}

function onCaseController(entry: OnCaseCommand): Type {
  if (entry.upload) return uploadController(entry, entry.upload.maxBytes);
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

/**
 * A command that carries a document: `multipart/form-data`, the document in the part `file` (multer
 * keeps it in memory, refusing more than `maxBytes` with 413), the other parts validated as the DTO.
 */
function uploadController(entry: OnCaseCommand, maxBytes: number): Type {
  @Controller(`v1/cases/:caseId/${entry.path}`)
  class UploadCaseCommandController {
    constructor(private readonly commands: CaseCommands) {}

    @Post()
    @HttpCode(201)
    @Roles(...entry.roles)
    @UseInterceptors(FileInterceptor('file', { limits: uploadLimits(maxBytes) }))
    @ApiConsumes('multipart/form-data')
    @ApiExtraModels(entry.request)
    @ApiBody({ schema: multipartSchemaOf(entry.request) })
    @CaseCommandEndpoint(entry.openapi)
    run(
      @Param('caseId') caseId: string,
      @Body() body: CaseCommandRequestDto,
      @Headers('if-match') ifMatch: string | undefined,
      @CurrentUser() user: AuthenticatedUser,
      @UploadedFile() file: { readonly buffer: Buffer; readonly originalname: string; readonly mimetype: string } | undefined,
    ) {
      const revision = parseIfMatch(ifMatch);
      const upload = file && { bytes: file.buffer, filename: file.originalname, mediaType: file.mimetype };
      return this.commands.run(entry, { caseId, user, ...(revision !== undefined && { ifMatch: revision }) }, body, upload);
    }
  }
  return named(UploadCaseCommandController, entry, [String, entry.request, String, Object, Object]);
}

/** The multipart body's schema: the DTO's fields as parts, and the document as the binary part `file`. */
function multipartSchemaOf(request: Type): Record<string, unknown> {
  return {
    allOf: [
      { $ref: getSchemaPath(request) },
      { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: 'The document: a PDF, PNG or JPEG' } } },
    ],
  };
}

function openingController(entry: OpeningCommand): Type {
  const { openapi } = entry;
  @ApiTags(openapi.tag)
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

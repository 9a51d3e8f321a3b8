import { Controller, Get, Inject, Param, Res, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ATTACHMENT_MEDIA_TYPES, CaseStateConflict, NotFound } from '@ledger/domain';
import type { AttachmentStore } from '@ledger/ledger';
import { RecordAccess } from '../../access-log/record-access.interceptor.js';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { ProblemResponses } from '../../http/openapi.js';
import { ATTACHMENT_STORE } from '../../infrastructure/tokens.js';
import type { CaseView } from '../get-case/case-view.js';
import { GetCaseQuery } from '../get-case/get-case.query.js';

/**
 * A document attached to a case, for whoever may read the case: the case is read as `GET
 * /v1/cases/:caseId` reads it (`whatMayBeShown`: 403 SEALED, 403, 404 alike), then the bytes are opened
 * with the case's key. Every download is recorded in the access log.
 */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases/:caseId/attachments/:attachmentId')
export class CaseAttachmentHttpController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(ATTACHMENT_STORE) private readonly attachments: AttachmentStore,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Download a document attached to a case' })
  @Roles('staff', 'director', 'counsel', 'auditor')
  @RecordAccess({ action: 'attachment_read', caseIdParam: 'caseId' })
  @ApiParam({ name: 'caseId' })
  @ApiParam({ name: 'attachmentId', description: 'As the case view\u2019s `attachments[]` lists it' })
  @ApiProduces(...ATTACHMENT_MEDIA_TYPES)
  @ApiOkResponse({ description: 'The document as it was attached; `Repr-Digest` carries its SHA-256, which the `AttachmentAdded` event recorded', schema: { type: 'string', format: 'binary' } })
  @ProblemResponses([403, 'Not a party to the case; or `rule: "SEALED"`: a sealed case the caller is not named in'], [404, 'Unknown case or attachment'], [409, 'The case\u2019s identity was shredded, and its documents with it'])
  async download(
    @Param('caseId') caseId: string,
    @Param('attachmentId') attachmentId: string,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const view: CaseView = await this.queries.execute(new GetCaseQuery(caseId, user));
    const attachment = view.attachments.find((candidate) => candidate.attachmentId === attachmentId);
    if (attachment === undefined) throw new NotFound('No such attachment on this case');
    const read = this.attachments.read(caseId, attachmentId);
    if (!read.found && read.why === 'shredded') throw new CaseStateConflict('The identity of this case was shredded, and its documents with it');
    if (!read.found) throw new NotFound('The document is not in this ledger\u2019s attachment store (attachments.db)');
    response.setHeader('Content-Type', attachment.mediaType);
    response.setHeader('Content-Disposition', `attachment; filename="${asciiName(attachment.filename)}"; filename*=UTF-8''${encodeURIComponent(attachment.filename)}`);
    response.setHeader('Repr-Digest', `sha-256=:${Buffer.from(attachment.sha256, 'hex').toString('base64')}:`);
    response.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(read.bytes);
  }
}

/** The file name for clients that read only `filename=`: printable ASCII without quotes. */
function asciiName(name: string): string {
  return name.replace(/[^\x20-\x7e]|["\\]/g, '_');
}

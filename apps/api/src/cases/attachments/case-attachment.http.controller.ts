import { Controller, Get, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ATTACHMENT_MEDIA_TYPES } from '@ledger/domain';
import { RecordAccess } from '../../access-log/record-access.interceptor.js';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { ProblemResponses } from '../../http/openapi.js';
import { CaseDocuments } from './case-documents.js';

/** A document attached to a case, for whoever may read the case (`CaseDocuments`); every download is recorded in the access log. */
@ApiTags('cases')
@Controller('v1/cases/:caseId/attachments/:attachmentId')
export class CaseAttachmentHttpController {
  constructor(private readonly documents: CaseDocuments) {}

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
    const document = await this.documents.open(caseId, attachmentId, user);
    for (const [name, value] of Object.entries(document.headers)) response.setHeader(name, value);
    return new StreamableFile(document.bytes);
  }
}

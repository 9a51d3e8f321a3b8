import { Inject, Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CaseStateConflict, NotFound } from '@ledger/domain';
import type { AttachmentStore } from '@ledger/ledger';
import type { AuthenticatedUser } from '../../auth/authenticated-user.js';
import { ATTACHMENT_STORE } from '../../infrastructure/tokens.js';
import type { CaseView } from '../get-case/case-view.js';
import { GetCaseQuery } from '../get-case/get-case.query.js';

/** A document ready to send: its bytes and the headers that say what it is. */
export interface OpenedDocument {
  readonly bytes: Buffer;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * A document attached to a case, for whoever may read the case: the case is read as `GET
 * /v1/cases/:caseId` reads it (`whatMayBeShown`: 403 SEALED, 403, 404 alike), then the bytes are opened
 * with the case's key. The API's download and the case page's link both come here.
 */
@Injectable()
export class CaseDocuments {
  constructor(
    private readonly queries: QueryBus,
    @Inject(ATTACHMENT_STORE) private readonly attachments: AttachmentStore,
  ) {}

  async open(caseId: string, attachmentId: string, reader: AuthenticatedUser): Promise<OpenedDocument> {
    const view: CaseView = await this.queries.execute(new GetCaseQuery(caseId, reader));
    const attachment = view.attachments.find((candidate) => candidate.attachmentId === attachmentId);
    if (attachment === undefined) throw new NotFound('No such attachment on this case');
    const read = this.attachments.read(caseId, attachmentId);
    if (!read.found && read.why === 'shredded') throw new CaseStateConflict('The identity of this case was shredded, and its documents with it');
    if (!read.found) throw new NotFound('The document is not in this ledger\u2019s attachment store (attachments.db)');
    return {
      bytes: read.bytes,
      headers: {
        'Content-Type': attachment.mediaType,
        'Content-Disposition': `attachment; filename="${asciiName(attachment.filename)}"; filename*=UTF-8''${encodeURIComponent(attachment.filename)}`,
        'Repr-Digest': `sha-256=:${Buffer.from(attachment.sha256, 'hex').toString('base64')}:`,
        'Cache-Control': 'no-store',
      },
    };
  }
}

/** The file name for clients that read only `filename=`: printable ASCII without quotes. */
function asciiName(name: string): string {
  return name.replace(/[^\x20-\x7e]|["\\]/g, '_');
}

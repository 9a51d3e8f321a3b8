import { basename } from 'node:path';
import { HttpException, Inject, Injectable } from '@nestjs/common';
import { ATTACHMENT_BYTES_MAX, assertCaseIdShape, type CaseCommand, DomainError, InvalidCommand, NAME_MAX, publishedReports, TRANSPARENCY_STREAM, transparencyDecider } from '@ledger/domain';
import { type AttachmentStore, caseKeyId, type CommandPipeline, newEntityId, type ProtectedFields, type ProtectedPatronRef, sniffedMediaType } from '@ledger/ledger';
import { CaseOpening, type CommandUser } from '@ledger/runtime';
import { ATTACHMENT_STORE, COMMAND_PIPELINE, PROTECTED_FIELDS } from '../infrastructure/tokens.js';
import { CaseCommandRunner, caseCommandResult } from './case-command-runner.js';
import type { CaseCommandRequestDto } from './case-command.request.dto.js';
import type { CaseContextSources, OnCaseCommand, OpeningCommand, StoredCaseDocument } from './case-commands.table.js';
import { KnownUsers } from './known-users.js';

/** A document uploaded with a command, as the multipart part carried it. */
export interface UploadedDocument {
  readonly bytes: Buffer;
  readonly filename: string;
  /** As the client declared it; the ledger trusts the bytes. */
  readonly mediaType: string;
}

/** Who gives a command on which case, and the revision they last saw (`If-Match`). */
export interface CaseCommandTarget {
  readonly caseId: string;
  readonly user: CommandUser;
  readonly ifMatch?: bigint;
}

/**
 * Runs an entry of the case command table with a validated body, straight to the case stream's runner
 * (load, decide, append), which resolves the actor and the instants. The API's routes and the case
 * page's forms both run commands here, so they are decided alike.
 */
@Injectable()
export class CaseCommands {
  /** Opening a case: the patron reference protected first (the desk page and the benchmark open cases here too). */
  readonly opening: CaseOpening;
  private readonly sources: CaseContextSources;

  constructor(
    private readonly runner: CaseCommandRunner,
    users: KnownUsers,
    @Inject(COMMAND_PIPELINE) pipeline: CommandPipeline,
    @Inject(PROTECTED_FIELDS) private readonly protectedFields: ProtectedFields,
    @Inject(ATTACHMENT_STORE) private readonly attachments: AttachmentStore,
  ) {
    this.opening = new CaseOpening(runner, pipeline, protectedFields);
    this.sources = {
      patron: runner.patronContext,
      knownUser: (userId) => users.knownUser(userId),
      transparencyReports: async () => {
        const published = publishedReports((await pipeline.load(TRANSPARENCY_STREAM, transparencyDecider)).state);
        return {
          publishedTransparencyReports: published.map((report) => report.document.reportId),
          supersededTransparencyReports: Object.fromEntries(published.flatMap((report) => (report.supersededBy === undefined ? [] : [[report.document.reportId, report.supersededBy]]))),
        };
      },
    };
  }

  /** A command on an existing case: answers the case's revision, position and status (+ what the entry adds). */
  async run<D extends CaseCommandRequestDto>(entry: OnCaseCommand<CaseCommand['type'], D>, target: CaseCommandTarget, body: D, upload?: UploadedDocument): Promise<object> {
    let stored: string | undefined;
    const store = async () => {
      const document = await this.storeDocument(target.caseId, upload);
      stored = document.attachmentId;
      return document;
    };
    try {
      const fields = await entry.fields(body, (ref) => this.protectOnCase(target.caseId, ref), store);
      const result = await this.runner.run({
        ...target,
        ...(body.occurredAt !== undefined && { occurredAt: body.occurredAt }),
        command: (base) => ({ type: entry.type, ...base, ...fields }) as CaseCommand,
        ...(entry.context && { context: entry.context(this.sources, fields) }),
      });
      return { ...caseCommandResult(target.caseId, result), ...entry.answer?.(fields) };
    } catch (error) {
      // Refused before anything was appended: no event names the bytes, so they go. After any other
      // failure (an append of unknown outcome) they stay: an event may name them.
      if (stored !== undefined && (error instanceof DomainError || error instanceof HttpException)) this.attachments.remove(target.caseId, stored);
      throw error;
    }
  }

  /** The uploaded document, checked by its bytes and stored encrypted under the case's key. */
  private async storeDocument(caseId: string, upload: UploadedDocument | undefined): Promise<StoredCaseDocument> {
    assertCaseIdShape(caseId);
    if (upload === undefined || upload.bytes.length === 0) throw new InvalidCommand('Attach the document: the part `file` of a multipart/form-data body', 'file');
    if (upload.bytes.length > ATTACHMENT_BYTES_MAX) throw new InvalidCommand(`The document may be at most ${ATTACHMENT_BYTES_MAX} bytes`, 'file');
    const mediaType = sniffedMediaType(upload.bytes);
    if (mediaType === null) throw new InvalidCommand('The document is not a PDF, a PNG or a JPEG: scan it to one of those', 'file');
    if (upload.mediaType !== mediaType && upload.mediaType !== 'application/octet-stream') {
      throw new InvalidCommand(`The document is a ${mediaType} by its content, not the ${upload.mediaType} it was sent as`, 'file');
    }
    const stored = await this.attachments.put(caseId, newEntityId(), upload.bytes);
    return { ...stored, filename: documentName(upload.filename), mediaType };
  }

  /** A patron reference encrypted under the case's own key (shredded with the case's identities) and blind-indexed. */
  private protectOnCase(caseId: string, ref: string): Promise<ProtectedPatronRef> {
    assertCaseIdShape(caseId);
    return this.protectedFields.protect(ref, caseKeyId(caseId));
  }

  /** A command that opens a case (the case id is the server's). */
  open<D extends object>(entry: OpeningCommand<CaseCommand['type'], D>, body: D, user: CommandUser): Promise<object> {
    return entry.open(this.opening, body, user);
  }
}

/** A document's name as the uploader's system gave it, without a path or control characters, and not too long; `document` when none. */
function documentName(given: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose
  const name = basename(given.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return [...(name || 'document')].slice(0, NAME_MAX).join('');
}

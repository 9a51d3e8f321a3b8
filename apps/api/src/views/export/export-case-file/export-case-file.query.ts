import { Query } from '@nestjs/cqrs';
import type { CaseFileFormat } from '@ledger/exports';
import type { AuthenticatedUser } from '../../../auth/authenticated-user.js';

export interface ExportedCaseFile {
  readonly body: Buffer;
  readonly mediaType: string;
  readonly fileName: string;
}

export class ExportCaseFileQuery extends Query<ExportedCaseFile> {
  constructor(
    readonly caseId: string,
    readonly format: CaseFileFormat,
    readonly reader: AuthenticatedUser,
  ) {
    super();
  }
}

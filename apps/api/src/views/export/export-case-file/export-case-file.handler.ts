import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { caseStateFrom, ForbiddenByPolicy, isCaseEvent, NotFound, sealedRefusal, type CaseEvent, assertCaseIdShape, caseStream } from '@ledger/domain';
import { buildCaseFile, CASE_FILE_MEDIA_TYPES, findingSettingsOf, proveCaseEvents, renderCaseFile } from '@ledger/exports';
import { decodeRecorded, EVENT_STORE, type EventStore, type HttpConfig, type LedgerConfig, LEDGER_LOG, type LedgerLog, type ProtectedFields } from '@ledger/ledger';
import { type IdentityDirectory, queryFindings } from '@ledger/projections';
import { type Clock, CLOCK, HTTP_CONFIG, IDENTITY_DIRECTORY, LEDGER_CONFIG, LIVE_VIEWS, PROTECTED_FIELDS } from '../../../infrastructure/tokens.js';
import type { LiveViews } from '@ledger/runtime';
import { DirectorPowers } from '../../shared/director-powers.js';
import { caseFileAccess } from './case-file-access.js';
import { ExportCaseFileQuery } from './export-case-file.query.js';

@QueryHandler(ExportCaseFileQuery)
export class ExportCaseFileHandler implements IQueryHandler<ExportCaseFileQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROTECTED_FIELDS) private readonly protectedFields: ProtectedFields,
    @Inject(IDENTITY_DIRECTORY) private readonly directory: IdentityDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
    @Inject(LEDGER_LOG) private readonly log: LedgerLog,
    private readonly powers: DirectorPowers,
    @Inject(HTTP_CONFIG) private readonly http: HttpConfig,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  async execute({ caseId, format, reader }: ExportCaseFileQuery) {
    assertCaseIdShape(caseId);
    // The file is made from the stream itself, not a view: it must hold exactly what the ledger holds.
    const events = await this.store.readStream(caseStream(caseId));
    const state = caseStateFrom(
      events.map((recorded) => decodeRecorded<CaseEvent>(recorded).event).filter((event) => isCaseEvent(event)),
    );
    if (!state.exists) throw new NotFound('No such case');
    const access = caseFileAccess({ ...reader, isActiveDesignee: reader.role === 'staff' && (await this.powers.held(reader)) }, state);
    if (!access.allowed) {
      throw access.reason === 'sealed'
        ? sealedRefusal()
        : new ForbiddenByPolicy('CASE-FILE-NOT-PERMITTED', undefined, 'Only the director, an active designee, the referred counsel or an auditor may export this case file.');
    }
    const file = buildCaseFile({
      caseId,
      events,
      generatedAt: this.clock.now().toISOString(),
      preparedFor: `${reader.name} (${reader.role}${access.pseudonymised ? ', pseudonymised' : ''})`,
      recipient: { name: reader.name, role: reader.role },
      directory: (userId) => this.directory.findUser(userId),
      // Whoever may export the case may read its findings in full.
      findings: queryFindings(this.views.db, { caseId, limit: 500 }).items,
      findingSettings: findingSettingsOf(this.config),
      log: await proveCaseEvents(this.log, events),
      ...(access.pseudonymised ? {} : { revealPatronRef: (blindIndex: string, encryptedRef: string) => this.protectedFields.reveal(blindIndex, encryptedRef) }),
    });
    return { body: await renderCaseFile(file, format, { timeZone: this.http.timeZone }), mediaType: CASE_FILE_MEDIA_TYPES[format], fileName: `case-${caseId}.${format}` };
  }
}

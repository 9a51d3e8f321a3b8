import { FreshSignIn } from '../account/fresh-sign-in.guard.js';
import { Body, Controller, ForbiddenException, Get, Inject, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { CATEGORIES, COUNSEL_ADVICE, INSTRUMENT_TYPES, isStatisticsRequest, NONDISCLOSURE_ENDINGS, PATRON_NOTICE_METHODS, publishedReports, RELEASE_DECISIONS, RELEASE_METHODS } from '@ledger/domain';
import type { DirectoryUser, IdentityDirectory } from '@ledger/projections';
import { RecordAccess, sendAfterAccessRecorded } from '../../access-log/record-access.interceptor.js';
import { Roles } from '../../auth/authenticated-user.js';
import { ActorResolver } from '../../auth/designee-roster.js';
import { caseAction, type CaseActionName } from '../../cases/case-commands.table.js';
import { CaseDocuments } from '../../cases/attachments/case-documents.js';
import { CaseCommands } from '../../cases/case-commands.service.js';
import { TransparencyDesk } from '../../transparency/transparency-desk.js';
import type { CaseView } from '../../cases/get-case/case-view.js';
import { GetCaseQuery } from '../../cases/get-case/get-case.query.js';
import { IDENTITY_DIRECTORY, LEDGER_CONFIG } from '../../infrastructure/tokens.js';
import type { LedgerConfig } from '@ledger/ledger';
import { ExportCaseFileQuery } from '../../views/export/export-case-file/export-case-file.query.js';
import { ExportCaseFileRequestDto } from '../../views/export/export-case-file/export-case-file.request.dto.js';
import { PageRenderer, pageOf } from '../shared/page.renderer.js';
import { deskWords } from './desk-words.js';
import { type FormBody, type FormErrors, formErrors, NO_ERRORS, type Refusal, refusalOf, validateAs } from '../shared/web-form.js';
import { WebPages } from '../shared/web-page.decorator.js';
import type { WebRequest } from '../shared/web-session.guard.js';
import { type UploadingRequest, uploadedDocument } from '../shared/web-http.js';
import {
  adviceScopeChoices,
  productionChoices,
  periodsOnRecord,
  availableActions,
  type CaseFacts,
  caseRecordSections,
  decisionChoices,
  documentsShown,
  notesShown,
  instrumentsOnRecord,
  mayAddNote,
  mayDownload,
  ordersInForce,
  refusalHref,
  refusalInWords,
  type Viewer,
} from './case-page.model.js';

interface FailedAction {
  readonly action: CaseActionName;
  readonly errors: FormErrors;
  readonly refusal: (Refusal & { readonly detail?: string }) | null;
  readonly values: FormBody;
}

export interface CasePrintPageModel {
  readonly title: string;
  readonly view: CaseView;
  readonly sections: ReturnType<typeof caseRecordSections>;
  readonly nameOf: (userId: string) => string;
  readonly mayShowNumbers: boolean;
  readonly notes: ReturnType<typeof notesShown>;
  readonly documents: ReturnType<typeof documentsShown>;
}
const CASE_PRINT_PAGE = pageOf<CasePrintPageModel>('/case/case-print');

export interface CasePageModel {
  readonly title: string;
  /** The case page's own address: its forms come back with what to fix at theirs (`/cases/:id/actions/:action`). */
  readonly formPage: string;
  readonly view: CaseView;
  readonly actions: ReturnType<typeof availableActions>;
  readonly sections: ReturnType<typeof caseRecordSections>;
  /** The case page offers "Add a note" (everyone who reads the case but auditors). */
  readonly mayAddNote: boolean;
  readonly notes: ReturnType<typeof notesShown>;
  readonly documents: ReturnType<typeof documentsShown>;
  readonly instrumentsOnRecord: ReturnType<typeof instrumentsOnRecord>;
  readonly desk: ReturnType<typeof deskWords> | null;
  readonly deskCitation: string | null;
  readonly ordersInForce: ReturnType<typeof ordersInForce>;
  readonly decisionChoices: ReturnType<typeof decisionChoices>;
  readonly adviceScopeChoices: ReturnType<typeof adviceScopeChoices>;
  readonly productionChoices: ReturnType<typeof productionChoices>;
  readonly periodsOnRecord: ReturnType<typeof periodsOnRecord>;
  readonly refusalHref: typeof refusalHref;
  readonly mayDownload: boolean;
  readonly failed: FailedAction | null;
  readonly confirmation: string | null;
  /** A public-records request for the library's statistics the viewer may answer: the published reports to answer it with (newest first, corrected ones left out). */
  readonly statisticsAnswer: { readonly reports: readonly { readonly reportId: string; readonly words: string }[] } | null;
  readonly nameOf: (userId: string) => string;
  readonly counsel: readonly DirectoryUser[];
  readonly colleagues: readonly DirectoryUser[];
  readonly vocabulary: {
    readonly categories: typeof CATEGORIES;
    readonly instruments: typeof INSTRUMENT_TYPES;
    readonly advice: typeof COUNSEL_ADVICE;
    readonly decisions: typeof RELEASE_DECISIONS;
    readonly methods: typeof RELEASE_METHODS;
    readonly noticeMethods: typeof PATRON_NOTICE_METHODS;
    readonly nondisclosureEndings: typeof NONDISCLOSURE_ENDINGS;
  };
}
const CASE_PAGE = pageOf<CasePageModel>('/case/case');

/**
 * The case page (`/cases/<caseId>`): the request, its evaluation, the full timeline, and the action
 * forms this viewer may use now (each posts a command of the case command table, run as the API runs it). Read through the same query as `GET /v1/cases/:caseId` (so the same
 * need-to-know and sealing rules), and every view and download is recorded in the access log.
 */
/** Domain fields a case form names otherwise, and what to tell the user to do about them. */
const FIELD_REFUSALS: Readonly<Record<string, { readonly field: string; readonly message: string }>> = {
  scope: { field: 'scope.categories', message: 'Select the categories you advise releasing in part, or choose other advice' },
  instrumentId: { field: 'instrumentId', message: 'Select the instrument this is a scan of' },
  file: { field: 'file', message: 'The selected file must be a PDF, a PNG or a JPEG, named for what it is (.pdf, .png, .jpg)' },
  transparencyReportId: { field: 'transparencyReportId', message: 'Select the published transparency report that answers the request' },
};

@WebPages()
@Controller('cases/:caseId')
export class CasePageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly queries: QueryBus,
    private readonly commands: CaseCommands,
    private readonly actors: ActorResolver,
    private readonly documents: CaseDocuments,
    private readonly transparency: TransparencyDesk,
    @Inject(IDENTITY_DIRECTORY) private readonly directory: IdentityDirectory,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  @Get()
  @Roles('staff', 'director', 'counsel', 'auditor')
  @RecordAccess({ action: 'case_read', caseIdParam: 'caseId' })
  async show(@Param('caseId') caseId: string, @Req() request: WebRequest, @Res() response: Response, @Query('recorded') recorded?: string): Promise<void> {
    await this.render(caseId, request, response, null, 200, (recorded && caseAction(recorded)?.form.confirmation) || null);
  }

  /**
   * The case on paper: the record without navigation or forms, under a "Confidential" header, the
   * patron number masked unless the Director asks for it in full (`?patronNumbers=shown`).
   */
  @Get('print')
  @Roles('staff', 'director', 'counsel', 'auditor')
  @RecordAccess({ action: 'case_read', caseIdParam: 'caseId' })
  async print(@Param('caseId') caseId: string, @Req() request: WebRequest, @Res() response: Response, @Query('patronNumbers') patronNumbers?: string): Promise<void> {
    const user = request.user!;
    const showNumbers = patronNumbers === 'shown';
    if (patronNumbers !== undefined && !showNumbers) throw new NotFoundException();
    if (showNumbers && user.role !== 'director') throw new ForbiddenException('Only the Director can print patron numbers in full.');
    const view: CaseView = await this.queries.execute(new GetCaseQuery(caseId, user));
    const nameOf = this.nameOf();
    this.pages.send(response, request, CASE_PRINT_PAGE, {
      title: `Case ${view.caseId.slice(0, 8)} (print)`,
      view,
      sections: caseRecordSections(view, nameOf, { maskPatronRef: !showNumbers, when: this.pages.when, deadline: this.pages.deadline }),
      nameOf,
      notes: notesShown(view, nameOf, this.pages.when),
      documents: documentsShown(view, nameOf, this.pages.when),
      mayShowNumbers: user.role === 'director' && !showNumbers && view.patron?.ref !== undefined && view.patron.ref !== null,
    });
  }

  @FreshSignIn((request) => request.params.action === 'produce')
  @Post('actions/:action')
  @Roles('staff', 'director', 'counsel')
  @RecordAccess({ action: 'case_read', caseIdParam: 'caseId', formParam: { name: 'action', isForm: (name) => caseAction(name) !== undefined } })
  async act(@Param('caseId') caseId: string, @Param('action') name: string, @Body() body: FormBody, @Req() request: WebRequest, @Res() response: Response): Promise<void> {
    const command = caseAction(name);
    if (!command) throw new NotFoundException();
    const action = name as CaseActionName;
    const validated = await validateAs(command.request, command.form.fromForm(body, this.pages.timeZone), `${name}-`);
    // A form that carries a document (multer read it before the guard): the same command, limits and checks as the API's route.
    const upload = command.upload ? uploadedDocument(request as UploadingRequest, command.upload.maxBytes) : undefined;
    const fileProblem = upload && 'problem' in upload ? upload : null;
    if ('errors' in validated || fileProblem) {
      const errors = formErrors([...('errors' in validated ? validated.errors.list : []), ...(fileProblem ? [{ field: 'file', message: fileProblem.problem }] : [])], `${name}-`);
      return this.render(caseId, request, response, { action, errors, refusal: null, values: body }, fileProblem?.status ?? 400);
    }
    try {
      await this.commands.run(command, { caseId, user: request.user! }, validated.value, upload && 'document' in upload ? upload.document : undefined);
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      // A command the domain found incomplete, about a field the form has: shown at that field, in words.
      const onField = refusal.status === 400 && refusal.field !== undefined ? FIELD_REFUSALS[refusal.field] : undefined;
      if (onField) return this.render(caseId, request, response, { action, errors: formErrors([onField], `${name}-`), refusal: null, values: body }, 400);
      return this.render(caseId, request, response, { action, errors: NO_ERRORS, refusal: refusalInWords(refusal), values: body }, refusal.status);
    }
    response.redirect(303, `/cases/${encodeURIComponent(caseId)}?recorded=${name}`);
  }

  @FreshSignIn()
  @Get('export')
  @Roles('director', 'staff', 'counsel', 'auditor')
  @RecordAccess({ action: 'case_export', caseIdParam: 'caseId' })
  async download(@Param('caseId') caseId: string, @Query() query: ExportCaseFileRequestDto, @Req() request: WebRequest, @Res() response: Response): Promise<void> {
    // The API's own query DTO: the same formats, the same default, and the access log records the format as the API's does.
    const file = await this.queries.execute(new ExportCaseFileQuery(caseId, query.format ?? 'json', request.user!));
    response.status(200);
    sendAfterAccessRecorded(request, () =>
      response.type(file.mediaType).setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`).setHeader('Cache-Control', 'no-store').send(file.body),
    );
  }

  /** A document attached to the case, as `GET /v1/cases/:caseId/attachments/:attachmentId` gives it (the same read, the same rules). */
  @Get('attachments/:attachmentId')
  @Roles('staff', 'director', 'counsel', 'auditor')
  @RecordAccess({ action: 'attachment_read', caseIdParam: 'caseId' })
  async attachment(@Param('caseId') caseId: string, @Param('attachmentId') attachmentId: string, @Req() request: WebRequest, @Res() response: Response): Promise<void> {
    const document = await this.documents.open(caseId, attachmentId, request.user!);
    response.status(200);
    sendAfterAccessRecorded(request, () => {
      for (const [name, value] of Object.entries(document.headers)) response.setHeader(name, value);
      response.send(document.bytes);
    });
  }

  private async render(caseId: string, request: WebRequest, response: Response, failed: FailedAction | null, status: number, confirmation: string | null = null): Promise<void> {
    const user = request.user!;
    const view: CaseView = await this.queries.execute(new GetCaseQuery(caseId, user));
    const viewer: Viewer = await this.actors.actorNow(user);
    const facts: CaseFacts = {
      kind: view.kind,
      status: view.status,
      sealed: view.sealed,
      requesterKind: view.requester.kind,
      ruleIds: view.evaluation?.rules.map((rule) => rule.id) ?? [],
      route: view.evaluation?.route ?? null,
      instrumentCount: view.instruments.length,
      counselUserId: view.counselUserId,
      patronNoticeDue: view.unsealedAt !== null && view.patronNotices.length === 0,
      aboutSubject: view.subject !== null,
      statisticsRequest: isStatisticsRequest({ requesterKind: view.requester.kind, requestedCategories: view.requestedCategories }),
    };
    const users = this.directory.listUsers();
    const nameOf = this.nameOf(users);
    const actions = availableActions(facts, viewer);
    const answersStatistics = actions.includes('release') && facts.statisticsRequest === true;
    this.pages.send(
      response,
      request,
      CASE_PAGE,
      {
        // GOV.UK: a page that comes back with a problem says so first in its title.
        title: `${failed ? 'Error: ' : ''}Case ${view.caseId.slice(0, 8)}`,
        formPage: `/cases/${encodeURIComponent(view.caseId)}`,
        view,
        actions,
        mayAddNote: mayAddNote(viewer),
        sections: caseRecordSections(view, nameOf, { maskPatronRefOnPaper: true, when: this.pages.when, deadline: this.pages.deadline }),
        notes: notesShown(view, nameOf, this.pages.when),
        documents: documentsShown(view, nameOf, this.pages.when),
        instrumentsOnRecord: instrumentsOnRecord(view, this.pages.when),
        desk: viewer.role === 'staff' || viewer.role === 'director' ? deskWords(view) : null,
        // The rule that routed the request is the one the words stand on: its citation, once.
        deskCitation: view.evaluation?.rules.find((rule) => rule.effect === 'refer' || rule.effect === 'deny' || rule.effect === 'permit')?.citation ?? null,
        ordersInForce: ordersInForce(view, this.pages.when),
        decisionChoices: decisionChoices(view, this.config.jurisdiction),
        adviceScopeChoices: adviceScopeChoices(view),
        productionChoices: productionChoices(view),
        periodsOnRecord: periodsOnRecord(view, this.pages.day),
        refusalHref,
        mayDownload: mayDownload(facts, viewer),
        failed,
        confirmation,
        statisticsAnswer: answersStatistics ? { reports: await this.publishedAnswers() } : null,
        nameOf,
        counsel: users.filter((u) => u.role === 'counsel'),
        colleagues: users.filter((u) => u.role !== 'admin' && u.userId !== user.userId),
        vocabulary: { categories: CATEGORIES, instruments: INSTRUMENT_TYPES, advice: COUNSEL_ADVICE, decisions: RELEASE_DECISIONS, methods: RELEASE_METHODS, noticeMethods: PATRON_NOTICE_METHODS, nondisclosureEndings: NONDISCLOSURE_ENDINGS },
      },
      status,
    );
  }

  /** The published reports a statistics request may be answered with, as the director picks one. */
  private async publishedAnswers() {
    return publishedReports(await this.transparency.state())
      .filter((report) => report.supersededBy === undefined)
      .map(({ document, publishedAt }) => ({ reportId: document.reportId, words: `The report for ${document.period.from} to ${document.period.to}, published ${this.pages.day(publishedAt)}` }));
  }

  private nameOf(users = this.directory.listUsers()) {
    return (userId: string) => users.find((u) => u.userId === userId)?.name ?? (userId === 'system' ? 'The ledger' : 'A former user');
  }
}

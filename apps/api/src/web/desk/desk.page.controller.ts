import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { CATEGORIES, CHANNELS, IDENTIFICATION_KINDS, REQUESTER_KINDS, SUBJECT_KINDS, WELLNESS_CATEGORIES } from '@ledger/domain';
import { RecordAccess } from '../../access-log/record-access.interceptor.js';
import { Roles } from '../../auth/authenticated-user.js';
import { ActorResolver, sealedScopeNow } from '../../auth/designee-roster.js';
import { ListMyCasesQuery } from '../../views/desk/list-my-cases/list-my-cases.query.js';
import { PageQueryRequestDto } from '../../views/shared/page-query.request.dto.js';
import type { MyCaseItem, Page } from '@ledger/projections';
import { pageQuery, queryString } from '../shared/web-query.js';
import { openingCommand } from '../../cases/case-commands.table.js';
import { CaseCommands } from '../../cases/case-commands.service.js';
import { GiveWrittenConsentCommand } from '../../patrons/give-written-consent/give-written-consent.command.js';
import { GiveWrittenConsentRequestDto } from '../../patrons/give-written-consent/give-written-consent.request.dto.js';
import { LinkPatronIdentifierCommand } from '../../patrons/link-patron-identifier/link-patron-identifier.command.js';
import { LinkPatronIdentifierRequestDto } from '../../patrons/link-patron-identifier/link-patron-identifier.request.dto.js';
import { PatronRefRequestDto } from '../../patrons/patron-ref.request.dto.js';
import { ReportCardLostCommand } from '../../patrons/report-card-lost/report-card-lost.command.js';
import { ReportCardReplacedCommand } from '../../patrons/report-card-replaced/report-card-replaced.command.js';
import { PageRenderer, pageOf } from '../shared/page.renderer.js';
import { type FormBody, type FormErrors, list, localInstant, NO_ERRORS, optional, type Refusal, refusalOf, text, validateAs } from '../shared/web-form.js';
import { WebPages } from '../shared/web-page.decorator.js';
import type { WebRequest } from '../shared/web-session.guard.js';

type PatronForm = 'card-lost' | 'card-replaced' | 'identifier' | 'consent' | 'wellness';

const PATRON_CONFIRMATIONS: Record<PatronForm, string> = {
  'card-lost': 'The card is recorded as lost: it is no longer accepted as identification.',
  'card-replaced': 'The replacement is recorded: the old card stays refused. Link the new card below.',
  identifier: 'Both numbers now name the same patron.',
  consent: 'The written consent is recorded.',
  wellness: 'The wellness disclosure is recorded and the Director is told.',
};

export interface MyCasesPageModel {
  readonly title: string;
  readonly items: readonly MyCaseItem[];
  readonly paged: boolean;
  readonly nextHref: string | null;
}
const MY_CASES_PAGE = pageOf<MyCasesPageModel>('/desk/my-cases');

export interface DeskPageModel {
  readonly title: string;
  readonly values: FormBody;
  readonly errors: FormErrors;
  readonly refusal: Refusal | null;
  readonly vocabulary: {
    readonly requesterKinds: typeof REQUESTER_KINDS;
    readonly channels: typeof CHANNELS;
    readonly identification: typeof IDENTIFICATION_KINDS;
    readonly categories: typeof CATEGORIES;
    readonly subjectKinds: typeof SUBJECT_KINDS;
  };
}
const DESK_PAGE = pageOf<DeskPageModel>('/desk/desk');

export interface PatronsPageModel {
  readonly title: string;
  /** The page's own address: its forms come back with what to fix at theirs (`/desk/patrons/card-lost`…). */
  readonly formPage: string;
  readonly failed: { readonly form: PatronForm; readonly errors: FormErrors; readonly refusal: Refusal | null; readonly values: FormBody } | null;
  readonly confirmation: string | null;
  readonly categories: typeof CATEGORIES;
  readonly wellnessCategories: typeof WELLNESS_CATEGORIES;
}
const PATRONS_PAGE = pageOf<PatronsPageModel>('/desk/patrons');

/**
 * The circulation desk: a new request (evaluated by the policy on submit, then shown on its case page
 * with the next steps), and the patron records staff keep: lost and replaced cards, written consents
 * and wellness checks. Patron references travel only in these POST bodies, never in a URL.
 */
@WebPages()
@Controller('desk')
export class DeskPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly commands: CommandBus,
    private readonly cases: CaseCommands,
    private readonly queries: QueryBus,
    private readonly actors: ActorResolver,
  ) {}

  /** My cases: what the signed-in member of staff opened, newest first, with what each waits for now. */
  @Get('my-cases')
  @Roles('staff', 'director')
  @RecordAccess({ action: 'my_cases_query', queryDto: PageQueryRequestDto })
  async myCases(@Query() raw: Record<string, unknown>, @Req() request: WebRequest, @Res() response: Response): Promise<void> {
    const query = await pageQuery(PageQueryRequestDto, raw, ['cursor']);
    const user = request.user!;
    const page: Page<MyCaseItem> = await this.queries.execute(new ListMyCasesQuery(user.userId, await sealedScopeNow(this.actors, user), 50, query.cursor));
    this.pages.send(response, request, MY_CASES_PAGE, {
      title: 'My cases',
      items: page.items,
      paged: query.cursor !== undefined,
      nextHref: page.nextCursor ? `/desk/my-cases${queryString({ cursor: page.nextCursor })}` : null,
    });
  }

  @Get()
  @Roles('staff', 'director')
  form(@Req() request: WebRequest, @Res() response: Response): void {
    this.renderForm(request, response, {}, NO_ERRORS, null, 200);
  }

  @Post()
  @Roles('staff', 'director')
  async open(@Req() request: WebRequest, @Res() response: Response, @Body() body: FormBody): Promise<void> {
    const identification = list(body, 'identification').map((kind) => ({ kind }));
    const about = text(body, 'about') ?? 'patron';
    const zone = this.pages.timeZone;
    const shaped = {
      requester: { kind: text(body, 'requester.kind'), name: text(body, 'requester.name'), ...optional('agency', text(body, 'requester.agency')), ...optional('badgeNumber', text(body, 'requester.badgeNumber')) },
      channel: text(body, 'channel'),
      // "Who used public computer 4 between 3 and 4 pm": a request about a resource or a transaction names no patron.
      // A public-records request for the library's own statistics is about nobody's records: neither patron nor subject.
      ...(about === 'statistics'
        ? {}
        : about === 'patron'
        ? { patron: { ref: text(body, 'patron.ref'), ...(text(body, 'patron.isMinor') === 'yes' ? { isMinor: true } : {}) } }
        : {
            subject: {
              kind: about,
              description: text(body, 'subject.description'),
              ...optional('from', localInstant(body, 'subject.from', zone, { time: true })),
              ...optional('to', localInstant(body, 'subject.to', zone, { time: true })),
            },
          }),
      requestedCategories: list(body, 'requestedCategories'),
      ...(identification.length ? { identification } : {}),
      ...optional('purpose', text(body, 'purpose')),
    };
    const openCase = openingCommand('OpenCase');
    const validated = await validateAs(openCase.request, shaped);
    if ('errors' in validated) return this.renderForm(request, response, body, validated.errors, null, 400);
    try {
      const opened = (await this.cases.open(openCase, validated.value, request.user!)) as { caseId: string };
      response.redirect(303, `/cases/${encodeURIComponent(opened.caseId)}`);
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      this.renderForm(request, response, body, NO_ERRORS, refusal, refusal.status);
    }
  }

  @Get('patrons')
  @Roles('staff', 'director')
  patrons(@Req() request: WebRequest, @Res() response: Response, @Query('recorded') recorded?: string): void {
    const confirmation = recorded && Object.hasOwn(PATRON_CONFIRMATIONS, recorded) ? PATRON_CONFIRMATIONS[recorded as PatronForm] : null;
    this.renderPatrons(request, response, null, 200, confirmation);
  }

  @Post('patrons/card-lost')
  @Roles('staff', 'director')
  cardLost(@Req() request: WebRequest, @Res() response: Response, @Body() body: FormBody): Promise<void> {
    return this.patronCommand('card-lost', request, response, body, PatronRefRequestDto, { patronRef: text(body, 'patronRef') }, (dto) => this.commands.execute(new ReportCardLostCommand(dto.patronRef, undefined, request.user!)));
  }

  @Post('patrons/card-replaced')
  @Roles('staff', 'director')
  cardReplaced(@Req() request: WebRequest, @Res() response: Response, @Body() body: FormBody): Promise<void> {
    return this.patronCommand('card-replaced', request, response, body, PatronRefRequestDto, { patronRef: text(body, 'patronRef') }, (dto) => this.commands.execute(new ReportCardReplacedCommand(dto.patronRef, undefined, request.user!)));
  }

  @Post('patrons/identifier')
  @Roles('staff', 'director')
  identifier(@Req() request: WebRequest, @Res() response: Response, @Body() body: FormBody): Promise<void> {
    const shaped = { patronRef: text(body, 'patronRef'), identifier: text(body, 'identifier') };
    return this.patronCommand('identifier', request, response, body, LinkPatronIdentifierRequestDto, shaped, (dto) =>
      this.commands.execute(new LinkPatronIdentifierCommand(dto.patronRef, dto.identifier, request.user!)),
    );
  }

  @Post('patrons/consent')
  @Roles('staff', 'director')
  consent(@Req() request: WebRequest, @Res() response: Response, @Body() body: FormBody): Promise<void> {
    const shaped = {
      patronRef: text(body, 'patronRef'),
      grantee: text(body, 'grantee'),
      categories: list(body, 'categories'),
      ...optional('expiresAt', localInstant(body, 'expiresAt', this.pages.timeZone)),
      ...optional('documentSha256', text(body, 'documentSha256')?.toLowerCase()),
      ...optional('identification', text(body, 'identification')),
      ...(text(body, 'minor') === 'yes' && { minor: true }),
      ...optional('guardianIdentification', text(body, 'guardianIdentification')),
    };
    return this.patronCommand('consent', request, response, body, GiveWrittenConsentRequestDto, shaped, (dto) =>
      this.commands.execute(
        new GiveWrittenConsentCommand(dto.patronRef, dto.grantee, dto.categories, dto.expiresAt, dto.documentSha256, undefined, request.user!, {
          identification: dto.identification,
          minor: dto.minor,
          guardianIdentification: dto.guardianIdentification,
        }),
      ),
    );
  }

  @Post('patrons/wellness')
  @Roles('staff', 'director')
  wellness(@Req() request: WebRequest, @Res() response: Response, @Body() body: FormBody): Promise<void> {
    if (text(body, 'immediateThreat') !== 'yes') {
      const errors = { list: [{ field: 'immediateThreat', href: '#wellness-immediateThreat', message: 'Confirm that you believe there is an immediate threat to someone’s life or safety' }], byField: { immediateThreat: 'Confirm the immediate threat' } };
      return Promise.resolve(this.renderPatrons(request, response, { form: 'wellness', errors, refusal: null, values: body }, 400));
    }
    // The form's one text ("What you saw or heard") is what staff observed, and the concern told to the agency.
    const shaped = { patron: { ref: text(body, 'patronRef') }, immediateThreat: true, observed: text(body, 'concern'), concern: text(body, 'concern'), agency: text(body, 'agency'), ...optional('officer', text(body, 'officer')), categories: list(body, 'categories') };
    const wellnessCheck = openingCommand('RecordWellnessCheck');
    return this.patronCommand('wellness', request, response, body, wellnessCheck.request, shaped, (dto) => this.cases.open(wellnessCheck, dto, request.user!));
  }

  private async patronCommand<D extends object>(
    form: PatronForm,
    request: WebRequest,
    response: Response,
    body: FormBody,
    dto: new () => D,
    shaped: object,
    run: (dto: D) => Promise<unknown>,
  ): Promise<void> {
    const validated = await validateAs(dto, shaped, `${form}-`);
    if ('errors' in validated) return this.renderPatrons(request, response, { form, errors: validated.errors, refusal: null, values: body }, 400);
    try {
      await run(validated.value);
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      return this.renderPatrons(request, response, { form, errors: NO_ERRORS, refusal, values: body }, refusal.status);
    }
    response.redirect(303, `/desk/patrons?recorded=${form}`);
  }

  private renderForm(request: WebRequest, response: Response, values: FormBody, errors: FormErrors, refusal: Refusal | null, status: number): void {
    this.pages.send(
      response,
      request,
      DESK_PAGE,
      {
        title: 'New request for patron information',
        values,
        errors,
        refusal,
        vocabulary: { requesterKinds: REQUESTER_KINDS, channels: CHANNELS, identification: IDENTIFICATION_KINDS, categories: CATEGORIES, subjectKinds: SUBJECT_KINDS },
      },
      status,
    );
  }

  private renderPatrons(
    request: WebRequest,
    response: Response,
    failed: { form: PatronForm; errors: FormErrors; refusal: Refusal | null; values: FormBody } | null,
    status: number,
    confirmation: string | null = null,
  ): void {
    this.pages.send(response, request, PATRONS_PAGE, { title: 'Cards, consents and wellness checks', formPage: '/desk/patrons', failed, confirmation, categories: CATEGORIES, wellnessCategories: WELLNESS_CATEGORIES }, status);
  }
}

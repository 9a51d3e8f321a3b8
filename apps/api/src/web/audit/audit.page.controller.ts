import { FreshSignIn } from '../account/fresh-sign-in.guard.js';
import { ActorResolver, sealedScopeNow } from '../../auth/designee-roster.js';
import type { AuthenticatedUser } from '../../auth/authenticated-user.js';
import { Body, Controller, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { stringify } from 'csv-stringify/sync';
import type { Response } from 'express';
import { CATEGORIES, CHANNELS, codePointLength, type FindingRule, type FindingSeverity, MAIL_OUTBOX_STREAM, mailOutboxDecider, OUTCOMES, outboxMessages, PATRON_REF_MAX, REQUESTER_KINDS } from '@ledger/domain';
import { type CommandPipeline, LEDGER_LOG, type LedgerLog, type ProtectedFields, type VerificationReport } from '@ledger/ledger';
import { patronPseudonymsIn, type DirectoryUser, type DisclosureRegisterItem, type DisclosureStats, type Finding, type IdentityDirectory, type Page, accessEntriesShownTo, queryAccessLog } from '@ledger/projections';
import { accessActionWords, accessResultWords } from './access-log-words.js';
import { ListAccessLogRequestDto } from '../../access-log/list-access-log/list-access-log.request.dto.js';
import { RecordAccess, sendAfterAccessRecorded } from '../../access-log/record-access.interceptor.js';
import { Roles } from '../../auth/authenticated-user.js';
import { type Clock, CLOCK, COMMAND_PIPELINE, IDENTITY_DIRECTORY, LIVE_VIEWS, PROTECTED_FIELDS } from '../../infrastructure/tokens.js';
import { type LiveViews, PatronDirectory } from '@ledger/runtime';
import { DisclosureStatsQuery } from '../../views/audit/disclosure-stats/disclosure-stats.query.js';
import { DisclosureStatsRequestDto } from '../../views/audit/disclosure-stats/disclosure-stats.request.dto.js';
import { ListDisclosuresQuery } from '../../views/audit/list-disclosures/list-disclosures.query.js';
import { ListDisclosuresRequestDto } from '../../views/audit/list-disclosures/list-disclosures.request.dto.js';
import { ListFindingsQuery } from '../../views/audit/list-findings/list-findings.query.js';
import { ListFindingsRequestDto } from '../../views/audit/list-findings/list-findings.request.dto.js';
import { VerifyLedgerQuery } from '../../views/audit/verify-ledger/verify-ledger.query.js';
import { withCursor } from '../../views/shared/invalid-cursor.js';
import { PageRenderer, pageOf } from '../shared/page.renderer.js';
import { type FormBody, text, upTo } from '../shared/web-form.js';
import { type DayParts, localDayParts, pageQuery, queryString, withLocalDays } from '../shared/web-query.js';
import { instantOf, localDateOf, monthName } from '../shared/library-time.js';
import { WebPages } from '../shared/web-page.decorator.js';
import type { WebRequest } from '../shared/web-session.guard.js';
import { type CheckpointPanel, checkpointPanel } from './checkpoint-panel.js';
import { findingRulesByTitle, findingTitle } from './finding-titles.js';
import { type ChartSeries, type MonthCounts, monthRange, monthsBetween, stackedMonthlyBars } from './disclosures-chart.js';
import { OUTCOME_SERIES, requesterKindSeries } from './stats-series.js';

const REGISTER_FILTERS = ['from', 'to', 'requesterKind', 'channel', 'outcome', 'category', 'patron', 'cursor'] as const;
/** A CSV holds every filtered row, read a page at a time. */
const CSV_PAGE = 500;

export interface FindingsPageModel {
  readonly title: string;
  readonly groups: readonly { readonly severity: FindingSeverity; readonly items: readonly Finding[] }[];
  readonly filters: { readonly severity: string; readonly rule: string };
  readonly rules: readonly { readonly rule: FindingRule; readonly title: string }[];
  readonly findingTitle: (rule: string) => string;
  readonly more: boolean;
}
const FINDINGS_PAGE = pageOf<FindingsPageModel>('/audit/findings');

export interface StatsPageModel {
  readonly title: string;
  readonly overall: DisclosureStats;
  /** `monthName`: the month as the table's rows say it ("Jan 2026"); `month` stays YYYY-MM for the chart. */
  readonly months: readonly (MonthCounts & { readonly monthName: string; readonly total: number; readonly sealed: number })[];
  readonly period: { readonly from: string; readonly to: string };
  /** The period's first and last days as its date inputs show them, in the library's zone. */
  readonly dates: { readonly from: DayParts; readonly to: DayParts };
  readonly outcomeChart: string;
  readonly kindChart: string;
  readonly outcomeSeries: readonly ChartSeries[];
  readonly kindSeries: readonly ChartSeries[];
}
const STATS_PAGE = pageOf<StatsPageModel>('/audit/stats');

export interface AccessLogPageModel {
  readonly title: string;
  readonly items: ReturnType<typeof accessEntriesShownTo>;
  readonly users: readonly DirectoryUser[];
  readonly nameOf: (userId: string) => string;
  readonly actionWords: typeof accessActionWords;
  readonly resultWords: typeof accessResultWords;
  readonly filters: { readonly userId: string; readonly caseId: string };
  readonly dates: { readonly from: DayParts; readonly to: DayParts };
  readonly nextHref: string | null;
}
const ACCESS_LOG_PAGE = pageOf<AccessLogPageModel>('/audit/access-log');

export interface IntegrityPageModel {
  readonly title: string;
  readonly last: { readonly at: string; readonly by: string; readonly report: VerificationReport } | null;
  readonly checkpoint: CheckpointPanel | null;
  readonly publicKey: string;
  readonly alarm: LedgerLog['alarm']['raised'];
  /** The mail the ledger sent, counted (the list is `GET /v1/audit/mail`). */
  readonly mail: { readonly sent: number; readonly waiting: number; readonly abandoned: number };
}
const INTEGRITY_PAGE = pageOf<IntegrityPageModel>('/audit/integrity');

export interface RegisterPageModel {
  readonly title: string;
  readonly items: readonly DisclosureRegisterItem[];
  readonly filters: Readonly<Record<string, string>>;
  readonly dates: { readonly from: DayParts; readonly to: DayParts };
  readonly csvHref: string;
  readonly paged: boolean;
  readonly nextHref: string | null;
  readonly byReference: boolean;
  readonly referenceError: string | null;
  readonly vocabulary: { readonly kinds: typeof REQUESTER_KINDS; readonly channels: typeof CHANNELS; readonly outcomes: typeof OUTCOMES; readonly categories: typeof CATEGORIES };
}
const REGISTER_PAGE = pageOf<RegisterPageModel>('/audit/register');

/** The auditor's pages: the disclosure register (and its CSV), findings, statistics, the access log and the integrity panel. */
@WebPages()
@Controller('audit')
export class AuditPageController {
  /** The last verification run from this server, for the integrity panel. */
  private lastVerification: { at: string; by: string; report: VerificationReport } | null = null;

  constructor(
    private readonly pages: PageRenderer,
    private readonly queries: QueryBus,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
    @Inject(PROTECTED_FIELDS) private readonly protectedFields: ProtectedFields,
    @Inject(IDENTITY_DIRECTORY) private readonly directory: IdentityDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LEDGER_LOG) private readonly log: LedgerLog,
    private readonly actors: ActorResolver,
    private readonly patrons: PatronDirectory,
    @Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline,
  ) {}

  @Get('register')
  @Roles('auditor')
  @RecordAccess({ action: 'register_query', queryDto: ListDisclosuresRequestDto })
  async register(@Query() raw: Record<string, unknown>, @Req() request: WebRequest, @Res() response: Response): Promise<void> {
    const query = await pageQuery(ListDisclosuresRequestDto, withLocalDays(raw, this.pages.timeZone), REGISTER_FILTERS);
    const { cursor: _cursor, ...filters } = query;
    const page = await this.registerPage(query, query.cursor, request.user!);
    this.renderRegister(request, response, page, filters, query.cursor !== undefined, page.nextCursor ? `/audit/register${queryString({ ...filters, cursor: page.nextCursor })}` : null, false, null, 200, localDayParts(raw, query, this.pages.timeZone));
  }

  /** The register for one patron named by card number or patron ID: the reference stays in the POST body. */
  @Post('register/patron')
  @Roles('auditor')
  @RecordAccess({ action: 'register_query' })
  async registerForPatron(@Body() body: FormBody, @Req() request: WebRequest, @Res() response: Response): Promise<void> {
    const ref = text(body, 'patronRef');
    if (!ref || codePointLength(ref) > PATRON_REF_MAX) {
      this.renderRegister(request, response, { items: [], nextCursor: null }, {}, false, null, false, `Enter the card number or patron ID (${upTo(PATRON_REF_MAX)})`, 400);
      return;
    }
    // The patron's cases under any of their identifiers (card numbers, the ILS id).
    const { patron, identifiers } = await this.patrons.resolve(this.protectedFields.blindIndex(ref));
    const page = await this.registerPage({ limit: 500 }, undefined, request.user!, identifiers.map((identifier) => identifier.pseudonym));
    this.renderRegister(request, response, page, { patron: patron.pseudonym }, false, null, true);
  }

  @FreshSignIn()
  @Get('register.csv')
  @Roles('auditor')
  @RecordAccess({ action: 'register_query', queryDto: ListDisclosuresRequestDto })
  async registerCsv(@Query() raw: Record<string, unknown>, @Req() request: WebRequest, @Res() response: Response): Promise<void> {
    const query = await pageQuery(ListDisclosuresRequestDto, withLocalDays(raw, this.pages.timeZone), REGISTER_FILTERS.filter((f) => f !== 'cursor'));
    const rows: DisclosureRegisterItem[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.registerPage({ ...query, limit: CSV_PAGE }, cursor, request.user!);
      rows.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const csv = stringify(
      rows.map((r) => [r.caseId, r.openedAt, r.closedAt ?? '', r.requesterKind ?? 'sealed', r.channel ?? '', r.patronPseudonym ?? '', r.requestedCategories.join(' '), r.releasedCategories.join(' '), r.outcome ?? '', r.rules.join(' '), r.instrumentType ?? '', r.instruments.map((i) => i.type).join(' '), r.instruments.filter((i) => i.authorisedRelease).map((i) => i.type).join(' '), r.counselAdvice ?? '', r.decidedBy ?? '']),
      { header: true, columns: ['caseId', 'openedAt', 'closedAt', 'requesterKind', 'channel', 'patronPseudonym', 'requestedCategories', 'releasedCategories', 'outcome', 'rules', 'instrumentType', 'instruments', 'authorisedBy', 'counselAdvice', 'decidedBy'] },
    );
    response.status(200);
    sendAfterAccessRecorded(request, () => response.type('text/csv; charset=utf-8').setHeader('Content-Disposition', 'attachment; filename="disclosure-register.csv"').setHeader('Cache-Control', 'no-store').send(csv));
  }

  @Get('findings')
  @Roles('auditor', 'director')
  @RecordAccess({ action: 'findings_query', queryDto: ListFindingsRequestDto })
  async findings(@Query() raw: Record<string, unknown>, @Req() request: WebRequest, @Res() response: Response): Promise<void> {
    const query = await pageQuery(ListFindingsRequestDto, raw, ['severity', 'rule', 'from', 'to']);
    const user = request.user!;
    const page: Page<Finding> = await this.queries.execute(
      new ListFindingsQuery({ ...query, limit: 500, reader: await sealedScopeNow(this.actors, user) }),
    );
    const groups = (['violation', 'warning', 'info'] as const).map((severity) => ({ severity, items: page.items.filter((f) => f.severity === severity) }));
    this.pages.send(response, request, FINDINGS_PAGE, {
      title: 'Findings',
      groups,
      filters: { severity: query.severity ?? '', rule: query.rule ?? '' },
      rules: findingRulesByTitle(),
      findingTitle,
      more: page.nextCursor !== null,
    });
  }

  @Get('stats')
  @Roles('auditor')
  @RecordAccess({ action: 'stats_query', queryDto: DisclosureStatsRequestDto })
  async stats(@Query() raw: Record<string, unknown>, @Req() request: WebRequest, @Res() response: Response): Promise<void> {
    const zone = this.pages.timeZone;
    const query = await pageQuery(DisclosureStatsRequestDto, withLocalDays(raw, zone), ['from', 'to']);
    const now = this.clock.now();
    // By default the last twelve months on the library's calendar, up to the end of today.
    const today = localDateOf(now.toISOString(), zone);
    const to = query.to ?? instantOf(calendarDay(today.year, today.month, today.day + 1), 0, 0, zone);
    const from = query.from ?? instantOf(calendarDay(today.year, today.month - 11, 1), 0, 0, zone);
    const reader = await sealedScopeNow(this.actors, request.user!);
    const overall: DisclosureStats = await this.queries.execute(new DisclosureStatsQuery(from, to, reader));
    // One stats query per month (the same query the API answers), so the chart's numbers are the API's.
    const months = await Promise.all(
      monthsBetween(new Date(from), new Date(Date.parse(to) - 1), 24, zone).map(async (month) => {
        const range = monthRange(month, zone);
        const stats: DisclosureStats = await this.queries.execute(new DisclosureStatsQuery(range.from < from ? from : range.from, range.to > to ? to : range.to, reader));
        return { month, monthName: monthName(month), byOutcome: stats.byOutcome, byRequesterKind: stats.byRequesterKind, total: stats.total, sealed: stats.sealed };
      }),
    );
    const kindSeries = requesterKindSeries(REQUESTER_KINDS.filter((k) => (overall.byRequesterKind[k] ?? 0) > 0));
    this.pages.send(response, request, STATS_PAGE, {
      title: 'Statistics',
      overall,
      months,
      period: { from: this.pages.day(from), to: this.pages.day(new Date(Date.parse(to) - 1).toISOString()) },
      dates: localDayParts(raw, { from, to }, zone),
      outcomeChart: stackedMonthlyBars('by-outcome', 'Requests by outcome, per month', months, (m) => m.byOutcome, OUTCOME_SERIES),
      kindChart: stackedMonthlyBars('by-kind', 'Requests by who asked, per month', months, (m) => m.byRequesterKind, kindSeries),
      outcomeSeries: OUTCOME_SERIES,
      kindSeries,
    });
  }

  @Get('access-log')
  @Roles('auditor')
  @RecordAccess({ action: 'access_log_query', queryDto: ListAccessLogRequestDto })
  async accessLog(@Query() raw: Record<string, unknown>, @Req() request: WebRequest, @Res() response: Response): Promise<void> {
    const query = await pageQuery(ListAccessLogRequestDto, withLocalDays(raw, this.pages.timeZone), ['from', 'to', 'userId', 'caseId', 'cursor']);
    const reader = await this.actors.actorNow(request.user!);
    const page = withCursor(() => queryAccessLog(this.views.db, { from: query.from, to: query.to, userId: query.userId, caseId: query.caseId, limit: 50, cursor: query.cursor }));
    const users = this.directory.listUsers();
    const { cursor: _cursor, ...filters } = query;
    this.pages.send(response, request, ACCESS_LOG_PAGE, {
      title: 'Access log',
      items: accessEntriesShownTo(this.views.db, page.items, reader),
      users,
      nameOf: (userId: string) => users.find((u) => u.userId === userId)?.name ?? userId,
      actionWords: accessActionWords,
      resultWords: accessResultWords,
      filters: { userId: query.userId ?? '', caseId: query.caseId ?? '' },
      dates: localDayParts(raw, query, this.pages.timeZone),
      nextHref: page.nextCursor ? `/audit/access-log${queryString({ ...filters, cursor: page.nextCursor })}` : null,
    });
  }

  @Get('integrity')
  @Roles('auditor')
  async integrity(@Req() request: WebRequest, @Res() response: Response): Promise<void> {
    // The same checkpoint and key as GET /v1/ledger/checkpoint and GET /v1/ledger/public-key serve.
    const latest = this.log.latestCheckpoint();
    // The mail the ledger sent, counted (the list, to whom and when, is GET /v1/audit/mail; never a body).
    const mail = outboxMessages((await this.pipeline.load(MAIL_OUTBOX_STREAM, mailOutboxDecider)).state);
    this.pages.send(response, request, INTEGRITY_PAGE, {
      title: 'Integrity of the ledger',
      last: this.lastVerification,
      checkpoint: latest ? checkpointPanel(latest) : null,
      publicKey: this.log.verifierKey,
      alarm: this.log.alarm.raised,
      mail: { sent: mail.filter((m) => m.status === 'sent').length, waiting: mail.filter((m) => m.status === 'queued' || m.status === 'sending' || m.status === 'failed').length, abandoned: mail.filter((m) => m.status === 'abandoned').length },
    });
  }

  /** Re-computes every hash chain now (the same query as `GET /v1/ledger/verify`), then shows the panel. */
  @Post('integrity/verify')
  @Roles('auditor')
  @RecordAccess({ action: 'ledger_verify' })
  async verify(@Req() request: WebRequest, @Res() response: Response): Promise<void> {
    const report: VerificationReport = await this.queries.execute(new VerifyLedgerQuery());
    this.lastVerification = { at: this.clock.now().toISOString(), by: request.user!.name, report };
    response.redirect(303, '/audit/integrity');
  }

  /** As `GET /v1/audit/disclosures` asks it: sealed rows stay bare unless this auditor was granted need-to-know. */
  private async registerPage(
    query: Partial<ListDisclosuresRequestDto>,
    cursor: string | undefined,
    user: AuthenticatedUser,
    patronPseudonyms?: readonly string[],
  ): Promise<Page<DisclosureRegisterItem>> {
    const reader = await sealedScopeNow(this.actors, user);
    const { patron, limit, cursor: _ignored, minPosition: _wait, ...filters } = query;
    return this.queries.execute(
      new ListDisclosuresQuery({ ...filters, ...(patron ? { patronPseudonyms: patronPseudonymsIn(this.views.db, patron) } : {}), ...(patronPseudonyms ? { patronPseudonyms } : {}), ...(cursor ? { cursor } : {}), limit: limit ?? 50, reader }),
    );
  }

  private renderRegister(
    request: WebRequest,
    response: Response,
    page: Page<DisclosureRegisterItem>,
    filters: Record<string, unknown>,
    paged: boolean,
    nextHref: string | null,
    byReference: boolean,
    referenceError: string | null = null,
    status = 200,
    dates = localDayParts({}, {}, this.pages.timeZone),
  ): void {
    this.pages.send(
      response,
      request,
      REGISTER_PAGE,
      {
        title: 'Disclosure register',
        items: page.items,
        filters: Object.fromEntries(REGISTER_FILTERS.map((f) => [f, typeof filters[f] === 'string' ? (filters[f]).slice(0, 200) : ''])),
        dates,
        csvHref: `/audit/register.csv${queryString({ ...filters, cursor: undefined })}`,
        paged,
        nextHref,
        byReference,
        referenceError,
        vocabulary: { kinds: REQUESTER_KINDS, channels: CHANNELS, outcomes: OUTCOMES, categories: CATEGORIES },
      },
      status,
    );
  }
}

/** A day counted on from a year and month that may run past their ends (month 0 is last December). */
function calendarDay(year: number, month: number, day: number): { year: number; month: number; day: number } {
  const moved = new Date(Date.UTC(year, month - 1, day));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { NATIONAL_SECURITY_STRUCTURES, nationalSecurityReporting, type TransparencyState } from '@ledger/domain';
import { Roles } from '../../auth/authenticated-user.js';
import { TransparencyDesk } from '../../transparency/transparency-desk.js';
import { PrepareTransparencyReportRequestDto } from '../../transparency/transparency.request.dto.js';
import { PageRenderer, pageOf } from '../shared/page.renderer.js';
import { type FormBody, type FormErrors, formErrors, localDay, NO_ERRORS, optional, type Refusal, refusalOf, text, validateAs } from '../shared/web-form.js';
import { WebPages } from '../shared/web-page.decorator.js';
import type { WebRequest } from '../shared/web-session.guard.js';

const CONFIRMATIONS = {
  prepared: 'The report is prepared. Counsel approves it before anyone else can read it.',
  published: 'The report is approved and published on the public transparency page.',
} as const;

/** What the form's fields mean in the messages beside them (the command's own words are for developers). */
const FORM_MESSAGES: Record<string, string> = {
  'period.from': 'Enter the first day of the period',
  'period.to': 'Enter the last day of the period',
  nationalSecurityStructure: 'Select how national security letters and orders are reported',
  smallNumberThreshold: 'Enter the small-number threshold as a whole number from 0 to 100',
  supersedes: 'Select the published report this one corrects',
};

/** The four structures of 50 U.S.C. § 1874(a), in the words the director chooses by, from the reading in libs/domain. */
const STRUCTURE_CHOICES = NATIONAL_SECURITY_STRUCTURES.map((structure) => {
  const reporting = nationalSecurityReporting(structure);
  const { bandWidth, combined, lettersDelayDays, ordersDelayDays } = reporting;
  const delays = (combined ? [['Everything', lettersDelayDays] as const] : [['Letters', lettersDelayDays] as const, ['Other orders', ordersDelayDays] as const]).filter(([, days]) => days > 0);
  const hint = [
    `For ${reporting.longestPeriodDays >= 365 ? 'a year' : 'a half-year'}.`,
    `${combined ? 'All national security process counted together' : 'Letters and other orders each counted apart'}, in bands of ${bandWidth.toLocaleString('en-US')} (0–${bandWidth - 1}).`,
    delays.length ? delays.map(([what, days]) => `${what} withheld until ${days} days after the period.`).join(' ') : 'Nothing withheld.',
  ].join(' ');
  return { value: structure, words: reporting.words.charAt(0).toUpperCase() + reporting.words.slice(1), hint, citation: reporting.citation };
});

export type ReportState = 'draft' | 'published' | 'superseded';

export interface ReportRow {
  readonly reportId: string;
  readonly period: { readonly from: string; readonly to: string };
  readonly structure: number;
  readonly threshold: number;
  readonly checkpointSize: number;
  readonly preparedAt: string;
  readonly publishedAt: string | null;
  readonly state: ReportState;
  readonly supersedes: string | null;
  readonly supersededBy: string | null;
}

interface Failed {
  readonly form: 'prepare' | 'approve';
  readonly errors: FormErrors;
  readonly refusal: Refusal | null;
  readonly values: FormBody;
}

export interface TransparencyReportsPageModel {
  readonly title: string;
  /** Newest prepared first. */
  readonly rows: readonly ReportRow[];
  /** The director prepares; counsel approves (the API's roles). */
  readonly mayPrepare: boolean;
  readonly mayApprove: boolean;
  readonly structures: typeof STRUCTURE_CHOICES;
  /** Published reports not yet corrected: what a new report may supersede. */
  readonly correctable: readonly ReportRow[];
  readonly failed: Failed | null;
  readonly confirmation: string | null;
}
const TRANSPARENCY_REPORTS_PAGE = pageOf<TransparencyReportsPageModel>('/transparency/transparency-reports');

/** The reports on record, newest prepared first, each in the state a reader of the list needs. */
export function reportRows(state: TransparencyState): ReportRow[] {
  return [...state.order].reverse().map((reportId) => {
    const report = state.reports[reportId];
    const { document } = report;
    return {
      reportId,
      period: document.period,
      structure: document.nationalSecurityStructure,
      threshold: document.smallNumberThreshold,
      checkpointSize: document.checkpoint.size,
      preparedAt: document.preparedAt,
      publishedAt: report.publishedAt ?? null,
      state: report.status === 'draft' ? 'draft' : report.supersededBy !== undefined ? 'superseded' : 'published',
      supersedes: document.supersedes ?? null,
      supersededBy: report.supersededBy ?? null,
    };
  });
}

/** A refusal of the domain's about one of the period's fields, in the words the form shows beside it. */
function periodRefusal(refusal: Refusal): { field: string; message: string } | null {
  if (refusal.field === 'period.to') {
    return { field: 'period.to', message: /today/.test(refusal.message) ? 'The last day must be before today: a report covers a period that is over' : 'The last day must be the first day or after it' };
  }
  if (refusal.field === 'period') return { field: 'period.from', message: 'The period is too long for the structure chosen: at most a half-year under structures 1 to 3, a year under 4' };
  return null;
}

/**
 * The signed-in transparency pages (`/transparency-reports`): the director prepares a report for a
 * period (`POST /v1/transparency/reports`), counsel approves and publishes one
 * (`POST /v1/transparency/reports/:id/approval`), both through the same `TransparencyDesk` as the API.
 * The public reads what is published at `/transparency`.
 */
@WebPages()
@Controller('transparency-reports')
export class TransparencyReportsPageController {
  constructor(
    private readonly desk: TransparencyDesk,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  @Roles('director', 'counsel')
  async show(@Req() request: WebRequest, @Res() response: Response, @Query('recorded') recorded?: string): Promise<void> {
    const confirmation = recorded && Object.hasOwn(CONFIRMATIONS, recorded) ? CONFIRMATIONS[recorded as keyof typeof CONFIRMATIONS] : null;
    await this.render(request, response, null, 200, confirmation);
  }

  @Post()
  @Roles('director')
  async prepare(@Body() body: FormBody, @Req() request: WebRequest, @Res() response: Response): Promise<void> {
    const number = (value: string | undefined) => (value !== undefined && /^\d{1,3}$/.test(value) ? Number(value) : value);
    const shaped = {
      period: { from: localDay(body, 'period.from'), to: localDay(body, 'period.to') },
      nationalSecurityStructure: number(text(body, 'nationalSecurityStructure')),
      ...optional('smallNumberThreshold', number(text(body, 'smallNumberThreshold'))),
      ...optional('supersedes', text(body, 'supersedes')),
    };
    const validated = await validateAs(PrepareTransparencyReportRequestDto, shaped, '', FORM_MESSAGES);
    if ('errors' in validated) return this.render(request, response, { form: 'prepare', errors: validated.errors, refusal: null, values: body }, 400);
    try {
      await this.desk.prepare(validated.value, request.user!);
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      const onField = periodRefusal(refusal);
      if (onField) return this.render(request, response, { form: 'prepare', errors: formErrors([onField]), refusal: null, values: body }, refusal.status);
      return this.render(request, response, { form: 'prepare', errors: NO_ERRORS, refusal, values: body }, refusal.status);
    }
    response.redirect(303, '/transparency-reports?recorded=prepared');
  }

  @Post(':reportId/approval')
  @Roles('counsel')
  async approve(@Param('reportId') reportId: string, @Req() request: WebRequest, @Res() response: Response): Promise<void> {
    try {
      await this.desk.approve(reportId, request.user!);
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      return this.render(request, response, { form: 'approve', errors: NO_ERRORS, refusal, values: {} }, refusal.status);
    }
    response.redirect(303, '/transparency-reports?recorded=published');
  }

  private async render(request: WebRequest, response: Response, failed: Failed | null, status: number, confirmation: string | null = null): Promise<void> {
    const rows = reportRows(await this.desk.state());
    const role = request.user!.role;
    this.pages.send(
      response,
      request,
      TRANSPARENCY_REPORTS_PAGE,
      {
        title: 'Transparency reports',
        rows,
        mayPrepare: role === 'director',
        mayApprove: role === 'counsel',
        structures: STRUCTURE_CHOICES,
        correctable: rows.filter((row) => row.state === 'published'),
        failed,
        confirmation,
      },
      status,
    );
  }
}

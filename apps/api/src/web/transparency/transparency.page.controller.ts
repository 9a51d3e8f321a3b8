import { Controller, Get, NotFoundException, Param, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { publishedReports, type TransparencyCounts, type TransparencyReportOnRecord } from '@ledger/domain';
import { TransparencyDesk } from '../../transparency/transparency-desk.js';
import { stackedMonthlyBars } from '../audit/disclosures-chart.js';
import { OUTCOME_SERIES } from '../audit/stats-series.js';
import { PageRenderer, pageOf } from '../shared/page.renderer.js';
import { PublicPage, WebPages } from '../shared/web-page.decorator.js';
import type { WebRequest } from '../shared/web-session.guard.js';
import { reportTimeZone, transparencyCsv, type TransparencyRow, transparencyRows } from './transparency-rows.js';

type ReportSummary = ReturnType<typeof summaryOf>;

export interface TransparencyPageModel {
  readonly title: string;
  readonly reports: readonly ReportSummary[];
}
const TRANSPARENCY_PAGE = pageOf<TransparencyPageModel>('/transparency/transparency');

export interface TransparencyReportPageModel {
  readonly title: string;
  readonly report: ReportSummary;
  readonly rows: readonly TransparencyRow[];
  readonly chart: string;
  readonly note: string;
  readonly nationalSecurity: TransparencyCounts['nationalSecurity'];
}
const TRANSPARENCY_REPORT_PAGE = pageOf<TransparencyReportPageModel>('/transparency/transparency-report');

const REPORT_FILE = /^([A-Za-z0-9-]{1,64})(\.json|\.csv)?$/;

/**
 * The public transparency page (no sign-in): the published reports, each as a page with a chart and a
 * table, and as JSON (the signed document) and CSV. A superseded report stays, marked, beside its correction.
 */
@WebPages()
@Controller('transparency')
export class TransparencyPageController {
  constructor(
    private readonly desk: TransparencyDesk,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  @PublicPage()
  async index(@Req() request: WebRequest, @Res() response: Response): Promise<void> {
    const reports = publishedReports(await this.desk.state());
    this.pages.send(response, request, TRANSPARENCY_PAGE, { title: 'Transparency reports', reports: reports.map(summaryOf) });
  }

  @Get(':file')
  @PublicPage()
  async report(@Param('file') file: string, @Req() request: WebRequest, @Res() response: Response): Promise<void> {
    const [, reportId, extension] = REPORT_FILE.exec(file) ?? [];
    const state = await this.desk.state();
    const report = reportId === undefined ? undefined : state.reports[reportId];
    if (!report || report.status !== 'published') throw new NotFoundException('No published transparency report by that id');
    const name = `transparency-report-${report.document.reportId}`;
    if (extension === '.json') {
      response.status(200).type('application/json').setHeader('Content-Disposition', `attachment; filename="${name}.json"`).send(JSON.stringify({ ...report.document, note: report.note }, null, 2));
      return;
    }
    if (extension === '.csv') {
      response.status(200).type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="${name}.csv"`).send(transparencyCsv(report.document));
      return;
    }
    const { counts, period } = report.document;
    const month = { month: `${period.from} to ${period.to}`, byOutcome: Object.fromEntries(Object.entries(counts.requests.byOutcome).map(([key, count]) => [key, count.low])), byRequesterKind: {} };
    this.pages.send(response, request, TRANSPARENCY_REPORT_PAGE, {
      title: `Transparency report, ${period.from} to ${period.to}`,
      report: summaryOf(report),
      rows: transparencyRows(counts),
      chart: stackedMonthlyBars('report-outcomes', 'Requests by outcome over the period (a range is drawn at its lowest)', [month], (m) => m.byOutcome, OUTCOME_SERIES),
      note: report.note,
      nationalSecurity: counts.nationalSecurity,
    });
  }
}

function summaryOf(report: TransparencyReportOnRecord) {
  const { document } = report;
  return {
    reportId: document.reportId,
    period: document.period,
    timeZone: reportTimeZone(document),
    publishedAt: report.publishedAt!,
    structure: document.nationalSecurityStructure,
    threshold: document.smallNumberThreshold,
    checkpoint: document.checkpoint,
    supersedes: document.supersedes ?? null,
    supersededBy: report.supersededBy ?? null,
  };
}

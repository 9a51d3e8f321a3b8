import { assertNever } from '../shared/decider.js';
import type { TransparencyReportDocument } from './transparency-report.js';
import type { TransparencyEvent } from './transparency.events.js';

export interface TransparencyReportOnRecord {
  readonly document: TransparencyReportDocument;
  readonly note: string;
  readonly preparedBy: string;
  readonly status: 'draft' | 'published';
  readonly approvedBy?: string;
  readonly publishedAt?: string;
  /** The published report that corrects this one. */
  readonly supersededBy?: string;
}

export interface TransparencyState {
  readonly reports: { readonly [reportId: string]: TransparencyReportOnRecord };
  /** Report ids in the order they were prepared. */
  readonly order: readonly string[];
}

export const initialTransparencyState: TransparencyState = { reports: {}, order: [] };

export function evolveTransparency(state: TransparencyState, event: TransparencyEvent): TransparencyState {
  switch (event.type) {
    case 'TransparencyReportPrepared': {
      const { reportId, document, note, by } = event.data;
      return { reports: { ...state.reports, [reportId]: { document, note, preparedBy: by, status: 'draft' } }, order: [...state.order, reportId] };
    }
    case 'TransparencyReportApproved': {
      const { reportId, by, occurredAt } = event.data;
      const report = state.reports[reportId];
      const reports = { ...state.reports, [reportId]: { ...report, status: 'published' as const, approvedBy: by, publishedAt: occurredAt } };
      const corrected = report.document.supersedes;
      if (corrected !== undefined && reports[corrected]) reports[corrected] = { ...reports[corrected], supersededBy: reportId };
      return { ...state, reports };
    }
    default:
      return assertNever(event, 'transparency event');
  }
}

/** Published reports, newest first, each with the one it corrects beside it (the page shows them together). */
export function publishedReports(state: TransparencyState): TransparencyReportOnRecord[] {
  return state.order
    .map((reportId) => state.reports[reportId])
    .filter((report) => report.status === 'published')
    .sort((a, b) => b.publishedAt!.localeCompare(a.publishedAt!));
}

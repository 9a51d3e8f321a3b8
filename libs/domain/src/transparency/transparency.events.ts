import type { DomainEvent } from '../shared/decider.js';
import type { TransparencyReportDocument } from './transparency-report.js';

/**
 * Events of the `transparency-main` stream: the library's public transparency reports. A report is
 * prepared by the director (a draft, with its counts and its signed note) and published when counsel
 * approves it; it is never edited afterwards: a correction is a new report that `supersedes` it.
 */
export type TransparencyReportPrepared = DomainEvent<
  'TransparencyReportPrepared',
  {
    readonly reportId: string;
    readonly document: TransparencyReportDocument;
    /** The C2SP signed note by the log key over the document (docs/transparency.md). */
    readonly note: string;
    readonly occurredAt: string;
    readonly by: string;
  }
>;

/** Counsel approved the report: it is published from now (and the report it supersedes is shown with it). */
export type TransparencyReportApproved = DomainEvent<'TransparencyReportApproved', { readonly reportId: string; readonly occurredAt: string; readonly by: string }>;

export type TransparencyEvent = TransparencyReportPrepared | TransparencyReportApproved;

export const TRANSPARENCY_EVENT_TYPES = ['TransparencyReportPrepared', 'TransparencyReportApproved'] as const satisfies readonly TransparencyEvent['type'][];

import type { Actor } from '../policy/actor.js';
import type { TransparencyReportDocument } from './transparency-report.js';

interface TransparencyCommandBase {
  readonly actor: Actor;
  readonly occurredAt: string;
  readonly recordedAt: string;
}

/** The director prepares a report: the document computed at a checkpoint, and its signed note. */
export interface PrepareTransparencyReport extends TransparencyCommandBase {
  readonly type: 'PrepareTransparencyReport';
  readonly document: TransparencyReportDocument;
  readonly note: string;
}

/** Counsel approves a draft: it is published. */
export interface ApproveTransparencyReport extends TransparencyCommandBase {
  readonly type: 'ApproveTransparencyReport';
  readonly reportId: string;
}

export type TransparencyCommand = PrepareTransparencyReport | ApproveTransparencyReport;

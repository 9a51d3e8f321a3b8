import { JURISDICTION_PACKS, type JurisdictionId } from '@ledger/domain';
import type { LedgerConfig } from '@ledger/ledger';

/**
 * The configuration as it crosses to the worker: the jurisdiction by its id, since a pack holds
 * functions (its readings of the statute), which a structured clone cannot carry.
 */
export type WorkerLedgerConfig = Omit<LedgerConfig, 'jurisdiction'> & { readonly jurisdiction: JurisdictionId };

export const toWorkerConfig = (config: LedgerConfig): WorkerLedgerConfig => ({ ...config, jurisdiction: config.jurisdiction.id });

export const fromWorkerConfig = (config: WorkerLedgerConfig): LedgerConfig => ({ ...config, jurisdiction: JURISDICTION_PACKS[config.jurisdiction] });

/** What the API thread hands the views worker when it starts it. */
export interface ViewsWorkerData {
  readonly config: WorkerLedgerConfig;
  /**
   * One Int32 the API thread bumps (and `Atomics.notify`s) after each commit to the embedded store:
   * cheaper than a message per commit, and the worker then looks at once instead of at its next poll.
   */
  readonly commits: Int32Array;
}

/** Worker → API thread. Positions travel as decimal strings (bigint does not cross every boundary). */
export type ViewsWorkerMessage =
  | { readonly type: 'ready'; readonly position: string | null }
  | { readonly type: 'applied'; readonly position: string }
  | { readonly type: 'error'; readonly message: string }
  | { readonly type: 'clock-advanced'; readonly id: number; readonly added: number }
  | { readonly type: 'clock-failed'; readonly id: number; readonly message: string }
  | { readonly type: 'closed' };

/** API thread → worker. */
export type ViewsHostMessage = { readonly type: 'close' } | { readonly type: 'advance-clock'; readonly id: number; readonly now: string };

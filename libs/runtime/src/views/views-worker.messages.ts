import type { LedgerConfig } from '@ledger/ledger';

/** What the API thread hands the views worker when it starts it. */
export interface ViewsWorkerData {
  readonly config: LedgerConfig;
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

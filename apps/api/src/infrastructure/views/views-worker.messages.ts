import type { LedgerConfig } from '@ledger/ledger';

/** What the API thread hands the views worker when it starts it. */
export interface ViewsWorkerData {
  readonly config: LedgerConfig;
}

/** Worker → API thread. Positions travel as decimal strings (bigint does not cross every boundary). */
export type ViewsWorkerMessage =
  | { readonly type: 'ready'; readonly position: string | null }
  | { readonly type: 'applied'; readonly position: string }
  | { readonly type: 'error'; readonly message: string }
  | { readonly type: 'closed' };

/** API thread → worker: `wake` after this process appended (the worker follows on its own connection). */
export type ViewsHostMessage = { readonly type: 'wake' } | { readonly type: 'close' };

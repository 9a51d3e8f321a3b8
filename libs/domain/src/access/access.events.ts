/** What a reader did: the ledger records who looked at what (DESIGN.md "Who may do what"). */
export const ACCESS_ACTIONS = [
  'case_read',
  'case_export',
  'register_query',
  'findings_query',
  'stats_query',
  'access_log_query',
  'director_board_query',
  'deadlines_query',
  'counsel_queue_query',
  /** Staff (or the Director) looked at the cases they opened. */
  'my_cases_query',
  'ledger_verify',
  'retention_due_query',
  'legal_holds_query',
  'incidents_query',
  /** A sign-in attempt on the web application, given or refused (never the password; the username only as the user id it names). */
  'sign_in',
  /** A search for cases by id, docket, requester or patron (the patron reference is never recorded). */
  'case_search',
  /** A document attached to a case was downloaded. */
  'attachment_read',
  /** The auditor read the list of mail the ledger sent. */
  'mail_log_query',
] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

export type AccessOutcome = 'allowed' | 'denied';

export interface RecordAccessedData {
  readonly userId: string;
  readonly role: string;
  readonly action: AccessAction;
  /** The case read or exported, when there is one. */
  readonly caseId?: string;
  /** The query's parameters (never a patron reference: those travel only in bodies). */
  readonly query?: Readonly<Record<string, string>>;
  /** json, csv or pdf for exports. */
  readonly format?: string;
  readonly outcome: AccessOutcome;
  /** The HTTP status the reader was answered with. */
  readonly status: number;
  readonly occurredAt: string;
}

export type AccessEvent = { readonly type: 'RecordAccessed'; readonly data: RecordAccessedData };


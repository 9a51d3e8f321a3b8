import type { AccessAction } from '@ledger/domain';
import type { AccessLogRow } from '@ledger/projections';
import type { CaseActionName } from '../../cases/case-commands.table.js';

/** What a reader did, as the auditor reads it; typed over the actions, so a new one without words does not compile. */
const ACTION_WORDS: Readonly<Record<AccessAction, string>> = {
  case_read: 'Opened the case',
  case_export: 'Exported the case file',
  register_query: 'Searched the disclosure register',
  findings_query: 'Looked at the findings',
  stats_query: 'Looked at the statistics',
  access_log_query: 'Read the access log',
  director_board_query: 'Looked at the Director’s board',
  deadlines_query: 'Looked at the deadlines',
  counsel_queue_query: 'Looked at counsel’s cases',
  my_cases_query: 'Looked at the cases they opened',
  ledger_verify: 'Checked the integrity of the ledger',
  retention_due_query: 'Looked at the records due for deletion',
  legal_holds_query: 'Looked at the legal holds',
  incidents_query: 'Looked at the incidents',
  sign_in: 'Signed in',
  case_search: 'Searched for cases',
  attachment_read: 'Downloaded a document attached to the case',
  mail_log_query: 'Looked at the mail the ledger sent',
};

/** A form posted from the case page (recorded as `query.form`), in words. */
const FORM_WORDS: Readonly<Record<CaseActionName, string>> = {
  release: 'Posted a release at the desk',
  refuse: 'Posted a refusal',
  'refer-to-director': 'Referred the case to the Director',
  'record-instrument': 'Posted a legal instrument',
  'explain-policy': 'Posted a policy explanation',
  'refer-to-counsel': 'Referred the case to counsel',
  advise: 'Posted counsel’s advice',
  decide: 'Posted a release decision',
  produce: 'Posted a production of records',
  'grant-need-to-know': 'Granted need-to-know',
  'end-nondisclosure': 'Posted the end of a non-disclosure order',
  'attach-patrons': 'Attached the patrons a request about a resource concerns',
  'record-patron-notice': 'Posted a notice to the patron',
  'add-note': 'Added a note to the case',
  attach: 'Attached a scanned document to the case',
};

/** A step of signing in that was given (recorded as `query.reason`, with `query.factor` for a second factor). */
const SIGN_IN_STEPS: Readonly<Record<string, string>> = {
  password_ok: 'Gave the right password (a second factor was asked next)',
  second_factor_ok: 'Signed in with a second factor',
};

/** Why a sign-in was refused (recorded as `query.reason` by the sign-in page). */
const SIGN_IN_REFUSALS: Readonly<Record<string, string>> = {
  wrong_second_factor: 'Refused: wrong second factor',
  throttled_second_factor: 'Refused: too many wrong second factors',
  wrong_password: 'Refused: wrong password',
  deactivated: 'Refused: the account is deactivated',
  throttled_address: 'Refused: too many attempts from this address',
  throttled_account: 'Refused: too many attempts for this username',
  sso_failed: 'Refused: the single sign-on could not be checked (state, nonce or code)',
  sso_provider_refused: 'Refused: the sign-in service did not sign them in',
  sso_no_email: 'Refused: the sign-in service gave no email address',
  sso_email_unverified: 'Refused: the sign-in service did not verify the email address',
  sso_unknown_user: 'Refused: no user has the email address the sign-in service gave',
  sso_deactivated: 'Refused: the account is deactivated',
  sso_ambiguous: 'Refused: more than one user has the email address',
};

const REFUSALS: Readonly<Record<number, string>> = {
  400: 'Not done: the form had mistakes',
  401: 'Refused: not signed in',
  403: 'Refused: not permitted',
  404: 'Refused: no such record',
  409: 'Not done: the case was not at that step',
  422: 'Not done: the policy does not allow it',
};

/** "Exported the case file as PDF", "Posted a release decision", "Opened the case". */
export function accessActionWords(entry: Pick<AccessLogRow, 'action' | 'query' | 'format'>): string {
  const form = entry.query?.form;
  if (form !== undefined && form in FORM_WORDS) return FORM_WORDS[form as CaseActionName];
  if (entry.action === 'sign_in' && entry.query?.method === 'oidc') return entry.query.reason === 'signed_in' ? 'Signed in with single sign-on' : 'Tried to sign in with single sign-on';
  const step = entry.action === 'sign_in' && entry.query?.reason !== undefined ? SIGN_IN_STEPS[entry.query.reason] : undefined;
  if (step !== undefined) return step;
  if (entry.action === 'sign_in' && entry.query?.reason !== undefined && entry.query.reason !== 'signed_in') return 'Tried to sign in';
  const words = (ACTION_WORDS as Readonly<Record<string, string>>)[entry.action] ?? entry.action.replace(/_/g, ' ');
  return entry.format ? `${words} as ${entry.format.toUpperCase()}` : words;
}

/** "Done", "Refused: not permitted", "Not done: the policy does not allow it". */
export function accessResultWords(entry: Pick<AccessLogRow, 'outcome' | 'status'> & Partial<Pick<AccessLogRow, 'query'>>): string {
  if (entry.outcome === 'allowed' && entry.status < 400) return 'Done';
  const signIn = entry.query?.reason === undefined ? undefined : SIGN_IN_REFUSALS[entry.query.reason];
  if (signIn !== undefined) return signIn;
  return REFUSALS[entry.status] ?? (entry.outcome === 'allowed' ? 'Not done' : 'Refused');
}

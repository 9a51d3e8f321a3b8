import { accessActionWords, accessResultWords } from './access-log-words.js';

describe('the access log in words', () => {
  it('says what was done: a case opened, a case file exported in its format, a form posted from the case page', () => {
    expect(accessActionWords({ action: 'case_read', query: null, format: null })).toBe('Opened the case');
    expect(accessActionWords({ action: 'case_export', query: { format: 'pdf' }, format: 'pdf' })).toBe('Exported the case file as PDF');
    expect(accessActionWords({ action: 'case_read', query: { form: 'decide' }, format: null })).toBe('Posted a release decision');
    expect(accessActionWords({ action: 'case_read', query: { form: 'refer-to-counsel' }, format: null })).toBe('Referred the case to counsel');
    expect(accessActionWords({ action: 'ledger_verify', query: null, format: null })).toBe('Checked the integrity of the ledger');
  });

  it('never shows a code: an unknown form is read as what the entry was, an unknown action with spaces', () => {
    expect(accessActionWords({ action: 'case_read', query: { form: 'no-such-form' }, format: null })).toBe('Opened the case');
    expect(accessActionWords({ action: 'future_query', query: null, format: null })).toBe('future query');
  });

  it('says whether it was done, and why not, without the status code', () => {
    expect(accessResultWords({ outcome: 'allowed', status: 200 })).toBe('Done');
    expect(accessResultWords({ outcome: 'allowed', status: 303 })).toBe('Done');
    expect(accessResultWords({ outcome: 'denied', status: 403 })).toBe('Refused: not permitted');
    expect(accessResultWords({ outcome: 'allowed', status: 422 })).toBe('Not done: the policy does not allow it');
    expect(accessResultWords({ outcome: 'denied', status: 418 })).toBe('Refused');
  });

  it('a sign-in: done, or tried and refused with the reason the sign-in page recorded', () => {
    expect(accessActionWords({ action: 'sign_in', query: { reason: 'signed_in' }, format: null })).toBe('Signed in');
    expect(accessActionWords({ action: 'sign_in', query: { reason: 'wrong_password' }, format: null })).toBe('Tried to sign in');
    expect(accessResultWords({ outcome: 'denied', status: 401, query: { reason: 'wrong_password' } })).toBe('Refused: wrong password');
    expect(accessResultWords({ outcome: 'denied', status: 429, query: { reason: 'throttled_account' } })).toBe('Refused: too many attempts for this username');
  });

  it('a single sign-on: done, or tried and refused with the reason the callback recorded', () => {
    expect(accessActionWords({ action: 'sign_in', query: { method: 'oidc', reason: 'signed_in', secondFactor: 'provider' }, format: null })).toBe('Signed in with single sign-on');
    expect(accessActionWords({ action: 'sign_in', query: { method: 'oidc', reason: 'sso_unknown_user' }, format: null })).toBe('Tried to sign in with single sign-on');
    expect(accessResultWords({ outcome: 'denied', status: 403, query: { method: 'oidc', reason: 'sso_unknown_user' } })).toBe('Refused: no user has the email address the sign-in service gave');
    expect(accessResultWords({ outcome: 'denied', status: 400, query: { method: 'oidc', reason: 'sso_failed' } })).toBe('Refused: the single sign-on could not be checked (state, nonce or code)');
  });

  it('a second factor: the password step, the factor given, or refused and throttled', () => {
    expect(accessActionWords({ action: 'sign_in', query: { reason: 'password_ok' }, format: null })).toBe('Gave the right password (a second factor was asked next)');
    expect(accessActionWords({ action: 'sign_in', query: { reason: 'second_factor_ok', factor: 'totp' }, format: null })).toBe('Signed in with a second factor');
    expect(accessActionWords({ action: 'sign_in', query: { reason: 'wrong_second_factor', factor: 'code' }, format: null })).toBe('Tried to sign in');
    expect(accessResultWords({ outcome: 'denied', status: 401, query: { reason: 'wrong_second_factor' } })).toBe('Refused: wrong second factor');
    expect(accessResultWords({ outcome: 'denied', status: 429, query: { reason: 'throttled_second_factor' } })).toBe('Refused: too many wrong second factors');
  });
});

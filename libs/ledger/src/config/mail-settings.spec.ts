import { ConfigurationError } from './ledger-config.js';
import { loadMailSettings } from './mail-settings.js';

describe('mail settings', () => {
  it('are absent without LEDGER_SMTP_URL: nothing is sent', () => {
    expect(loadMailSettings({})).toBeUndefined();
  });

  it('read the relay, the sender and the interval', () => {
    expect(loadMailSettings({ LEDGER_SMTP_URL: 'smtp://ledger:s3cret@relay.library.example:587', LEDGER_MAIL_FROM: 'Disclosure Ledger <ledger@library.example>' })).toEqual({
      smtpUrl: 'smtp://ledger:s3cret@relay.library.example:587',
      from: 'Disclosure Ledger <ledger@library.example>',
      intervalSeconds: 60,
    });
  });

  it.each([
    [{ LEDGER_SMTP_URL: 'relay.library.example:587', LEDGER_MAIL_FROM: 'ledger@library.example' }, /LEDGER_SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/],
    [{ LEDGER_SMTP_URL: 'http://relay.library.example', LEDGER_MAIL_FROM: 'ledger@library.example' }, /LEDGER_SMTP_URL must be/],
    [{ LEDGER_SMTP_URL: 'smtp://relay.library.example:587' }, /LEDGER_MAIL_FROM must be the sender's address/],
    [{ LEDGER_SMTP_URL: 'smtp://ledger@relay.library.example:587', LEDGER_MAIL_FROM: 'ledger@library.example' }, /names a user but no password/],
    [{ LEDGER_SMTP_URL: 'smtp://relay.library.example', LEDGER_MAIL_FROM: 'ledger@library.example', LEDGER_MAIL_INTERVAL_SECONDS: '0' }, /LEDGER_MAIL_INTERVAL_SECONDS/],
  ])('refuse a mistake at start with a clear message: %j', (env, message) => {
    expect(() => loadMailSettings(env)).toThrow(ConfigurationError);
    expect(() => loadMailSettings(env)).toThrow(message);
  });

  it('never repeat the password in a refusal', () => {
    expect(() => loadMailSettings({ LEDGER_SMTP_URL: 'smtp://ledger:s3cret@relay.library.example/path', LEDGER_MAIL_FROM: 'x@y.example' })).toThrow(/^(?!.*s3cret)/s);
  });
});

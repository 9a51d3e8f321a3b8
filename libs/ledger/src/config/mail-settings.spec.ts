import { ConfigurationError } from './ledger-config.js';
import { loadMailSettings, mailIntervalSeconds } from './mail-settings.js';

describe('mail settings', () => {
  it('are absent without LEDGER_SMTP_URL: nothing is sent', () => {
    expect(loadMailSettings({})).toBeUndefined();
  });

  it('read the relay and the sender; the interval is read with a server or without', () => {
    expect([mailIntervalSeconds({}), mailIntervalSeconds({ LEDGER_MAIL_INTERVAL_SECONDS: '300' })]).toEqual([60, 300]);
    expect(() => mailIntervalSeconds({ LEDGER_MAIL_INTERVAL_SECONDS: '0' })).toThrow(/LEDGER_MAIL_INTERVAL_SECONDS must be a whole number/);
    expect(loadMailSettings({ LEDGER_SMTP_URL: 'smtp://ledger:s3cret@relay.library.example:587', LEDGER_MAIL_FROM: 'Disclosure Ledger <ledger@library.example>' })).toEqual({
      smtpUrl: 'smtp://ledger:s3cret@relay.library.example:587',
      from: 'Disclosure Ledger <ledger@library.example>',
    });
  });

  it.each([
    [{ LEDGER_SMTP_URL: 'relay.library.example:587', LEDGER_MAIL_FROM: 'ledger@library.example' }, /LEDGER_SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/],
    [{ LEDGER_SMTP_URL: 'http://relay.library.example', LEDGER_MAIL_FROM: 'ledger@library.example' }, /LEDGER_SMTP_URL must be/],
    [{ LEDGER_SMTP_URL: 'smtp://relay.library.example:587' }, /LEDGER_MAIL_FROM must be the sender's address/],
    [{ LEDGER_SMTP_URL: 'smtp://ledger@relay.library.example:587', LEDGER_MAIL_FROM: 'ledger@library.example' }, /names a user but no password/],
  ])('refuse a mistake at start with a clear message: %j', (env, message) => {
    expect(() => loadMailSettings(env)).toThrow(ConfigurationError);
    expect(() => loadMailSettings(env)).toThrow(message);
  });

  it('never repeat the password in a refusal', () => {
    expect(() => loadMailSettings({ LEDGER_SMTP_URL: 'smtp://ledger:s3cret@relay.library.example/path', LEDGER_MAIL_FROM: 'x@y.example' })).toThrow(/^(?!.*s3cret)/s);
  });
});

import { ConfigurationError, loadHttpConfig, loadLedgerConfig } from './ledger-config.js';

describe('ledger configuration', () => {
  it('defaults to the embedded store in ./data with a 60-minute referral SLA; the HTTP server to port 3000', () => {
    expect(loadHttpConfig({})).toEqual({ port: 3000, authFailuresPerMinute: 30, trustProxy: undefined, shutdownGraceSeconds: 10, metricsToken: undefined, metricsPort: undefined, publicUrl: 'http://localhost:3000', sessionIdleMinutes: 30, signInAttemptsPerMinute: 30, timeZone: 'America/New_York' , mfaRequiredRoles: ['admin', 'director', 'counsel'], logPublic: false, mailIntervalSeconds: 60 });
    const config = loadLedgerConfig({}, '/srv/ledger');
    expect(config).not.toHaveProperty('port');
    expect(config).toMatchObject({ dataDir: '/srv/ledger/data', keysDir: '/srv/ledger/data', store: 'sqlite', referralSlaMinutes: 60, timeChecks: true, viewsThread: 'worker', breachNoticeDays: 60, retentionIntervalMinutes: 60 });
    expect(config.paths).toEqual({
      events: '/srv/ledger/data/events.db',
      keys: '/srv/ledger/data/keys.db',
      views: '/srv/ledger/data/views.db',
      blindIndexKey: '/srv/ledger/data/blind-index.key',
      adminToken: '/srv/ledger/data/admin-token',
      credentials: '/srv/ledger/data/credentials.db',
      log: '/srv/ledger/data/log.db',
      attachments: '/srv/ledger/data/attachments.db',
      // Beside the data dir, not in it: whoever can rewrite the records must not find the key that signs them there.
      signingKey: '/srv/ledger/data-keys/log-signing-key.pem',
    });
    expect(config.logOrigin).toBeUndefined();
    // A new log's origin is the public URL's host (and path), never the key.
    expect(config.newLogOrigin).toBe('localhost:3000');
    expect(loadLedgerConfig({ LEDGER_PUBLIC_URL: 'https://library.example/ledger/' }, '/srv').newLogOrigin).toBe('library.example/ledger');
    expect(config.allowSharedPermissions).toBe(false);
  });

  it('reads every variable, with keys optionally kept apart from the data', () => {
    const config = loadLedgerConfig(
      {
        LEDGER_DATA_DIR: '/var/ledger',
        LEDGER_KEYS_DIR: '/secrets/ledger',
        LEDGER_STORE: 'eventstoredb',
        EVENTSTORE_CONNECTION_STRING: 'esdb://db:2113?tls=false',
        LEDGER_REFERRAL_SLA_MINUTES: '15',
        LEDGER_COUNSEL_SLA_HOURS: '48',
        LEDGER_TIME_CHECKS: 'false',
        LEDGER_VIEWS_THREAD: 'main',
        LEDGER_BREACH_NOTICE_DAYS: '30',
        LEDGER_RETENTION_INTERVAL_MINUTES: '5',
        LEDGER_LOG_ORIGIN: 'library.example/ledger',
      },
      '/',
    );
    expect(loadHttpConfig({ PORT: '8080', LEDGER_AUTH_FAILURES_PER_MINUTE: '5', LEDGER_TRUST_PROXY: 'loopback', LEDGER_SHUTDOWN_GRACE_SECONDS: '25', LEDGER_PUBLIC_URL: 'https://ledger.library.example/', LEDGER_SESSION_IDLE_MINUTES: '15', LEDGER_SIGNIN_ATTEMPTS_PER_MINUTE: '40', LEDGER_TIMEZONE: 'America/Chicago', LEDGER_LOG_PUBLIC: 'true' })).toEqual({ port: 8080, authFailuresPerMinute: 5, trustProxy: 'loopback', shutdownGraceSeconds: 25, metricsToken: undefined, metricsPort: undefined, publicUrl: 'https://ledger.library.example', sessionIdleMinutes: 15, signInAttemptsPerMinute: 40, timeZone: 'America/Chicago' , mfaRequiredRoles: ['admin', 'director', 'counsel'], logPublic: true, mailIntervalSeconds: 60 });
    expect(loadHttpConfig({}).timeZone).toBe('America/New_York');
    expect(loadHttpConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(config).toMatchObject({ store: 'eventstoredb', eventStoreConnectionString: 'esdb://db:2113?tls=false', referralSlaMinutes: 15, counselSlaHours: 48, timeChecks: false, viewsThread: 'main', breachNoticeDays: 30, retentionIntervalMinutes: 5 });
    expect(config.logOrigin).toBe('library.example/ledger');
    expect(config.paths.signingKey).toBe('/secrets/ledger/log-signing-key.pem');
    expect(loadLedgerConfig({ LEDGER_SIGNING_KEY_FILE: 'offline/log.pem' }, '/srv').paths.signingKey).toBe('/srv/offline/log.pem');
    expect(config.paths.keys).toBe('/secrets/ledger/keys.db');
    expect(config.paths.views).toBe('/var/ledger/views.db');
  });

  it.each([
    [{ LEDGER_STORE: 'postgres' }, 'LEDGER_STORE'],
    [{ LEDGER_STORE: 'eventstoredb' }, 'EVENTSTORE_CONNECTION_STRING'],
    [{ LEDGER_REFERRAL_SLA_MINUTES: '0' }, 'LEDGER_REFERRAL_SLA_MINUTES'],
    [{ LEDGER_COUNSEL_SLA_HOURS: '-1' }, 'LEDGER_COUNSEL_SLA_HOURS'],
    [{ LEDGER_TIME_CHECKS: 'maybe' }, 'LEDGER_TIME_CHECKS'],
    [{ LEDGER_BREACH_NOTICE_DAYS: '0' }, 'LEDGER_BREACH_NOTICE_DAYS'],
    [{ LEDGER_BREACH_NOTICE_DAYS: '61' }, 'CGS § 36a-701b'],
    [{ LEDGER_BREACH_NOTICE_DAYS: '3650' }, 'LEDGER_BREACH_NOTICE_DAYS must be at most 60'],
    [{ LEDGER_JURISDICTION: 'us-ca' }, 'LEDGER_JURISDICTION must be one of us-ct, us-ny, not "us-ca"'],
    [{ LEDGER_JURISDICTION: 'us-ny', LEDGER_BREACH_NOTICE_DAYS: '31' }, 'LEDGER_BREACH_NOTICE_DAYS must be at most 30, not 31: General Business Law § 899-aa(2)'],
    [{ LEDGER_RETENTION_INTERVAL_MINUTES: 'soon' }, 'LEDGER_RETENTION_INTERVAL_MINUTES'],
    [{ LEDGER_VIEWS_THREAD: 'both' }, 'LEDGER_VIEWS_THREAD'],
    [{ LEDGER_LOG_ORIGIN: 'my library' }, 'LEDGER_LOG_ORIGIN'],
  ])('refuses %j naming %s', (env, name) => {
    expect(() => loadLedgerConfig(env, '/')).toThrow(ConfigurationError);
    expect(() => loadLedgerConfig(env, '/')).toThrow(name);
  });

  it('picks the jurisdiction pack with LEDGER_JURISDICTION (default us-ct), and its breach-notice maximum as the default period', () => {
    expect(loadLedgerConfig({}, '/')).toMatchObject({ jurisdiction: { id: 'us-ct', policyVersion: '2024-07-10.3' }, breachNoticeDays: 60 });
    expect(loadLedgerConfig({ LEDGER_JURISDICTION: 'us-ny' }, '/')).toMatchObject({ jurisdiction: { id: 'us-ny', policyVersion: 'us-ny/2024-07-10.1' }, breachNoticeDays: 30 });
    expect(loadLedgerConfig({ LEDGER_JURISDICTION: 'us-ny', LEDGER_BREACH_NOTICE_DAYS: '10' }, '/').breachNoticeDays).toBe(10);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ LEDGER_METRICS_TOKEN: 'short' }, 'LEDGER_METRICS_TOKEN'],
    [{ LEDGER_METRICS_PORT: '70000' }, 'LEDGER_METRICS_PORT'],
    [{ LEDGER_AUTH_FAILURES_PER_MINUTE: '0' }, 'LEDGER_AUTH_FAILURES_PER_MINUTE'],
    [{ LEDGER_SHUTDOWN_GRACE_SECONDS: '0' }, 'LEDGER_SHUTDOWN_GRACE_SECONDS'],
    [{ LEDGER_PUBLIC_URL: 'ledger.library.example' }, 'LEDGER_PUBLIC_URL'],
    [{ LEDGER_PUBLIC_URL: 'ftp://ledger.library.example' }, 'LEDGER_PUBLIC_URL'],
    [{ LEDGER_PUBLIC_URL: 'https://ledger.library.example/?next=evil' }, 'LEDGER_PUBLIC_URL'],
    [{ LEDGER_SESSION_IDLE_MINUTES: '0' }, 'LEDGER_SESSION_IDLE_MINUTES'],
    [{ LEDGER_SIGNIN_ATTEMPTS_PER_MINUTE: 'many' }, 'LEDGER_SIGNIN_ATTEMPTS_PER_MINUTE'],
    [{ LEDGER_TIMEZONE: 'Eastern' }, 'LEDGER_TIMEZONE'],
  ])('the HTTP server refuses %j naming %s', (env, name) => {
    expect(() => loadHttpConfig(env)).toThrow(ConfigurationError);
    expect(() => loadHttpConfig(env)).toThrow(name);
  });

  it('reads where the metrics are served', () => {
    const token = 'a'.repeat(32);
    expect(loadHttpConfig({ LEDGER_METRICS_TOKEN: token, LEDGER_METRICS_PORT: '9464' })).toMatchObject({ metricsToken: token, metricsPort: 9464 });
  });

  it('LEDGER_MFA_REQUIRED_ROLES: a comma-separated list of roles, empty for none; an unknown role is refused', () => {
    expect(loadHttpConfig({ LEDGER_MFA_REQUIRED_ROLES: 'staff, admin,staff' }).mfaRequiredRoles).toEqual(['staff', 'admin']);
    expect(loadHttpConfig({ LEDGER_MFA_REQUIRED_ROLES: '' }).mfaRequiredRoles).toEqual([]);
    expect(() => loadHttpConfig({ LEDGER_MFA_REQUIRED_ROLES: 'admin,librarian' })).toThrow('librarian');
  });
});

describe('single sign-on settings', () => {
  const oidc = { LEDGER_OIDC_ISSUER: 'https://login.library.example/tenant/v2.0', LEDGER_OIDC_CLIENT_ID: 'ledger', LEDGER_OIDC_CLIENT_SECRET: 's3cret' };

  it('are off unless configured, and read together with the button’s name', () => {
    expect(loadHttpConfig({}).oidc).toBeUndefined();
    expect(loadHttpConfig({ ...oidc, LEDGER_OIDC_NAME: 'Library Microsoft account' }).oidc).toEqual({
      issuer: 'https://login.library.example/tenant/v2.0',
      clientId: 'ledger',
      clientSecret: 's3cret',
      name: 'Library Microsoft account',
      plainHttp: false,
    });
  });

  it('refuse a partial configuration, and plain http except on loopback', () => {
    expect(() => loadHttpConfig({ LEDGER_OIDC_ISSUER: oidc.LEDGER_OIDC_ISSUER })).toThrow(ConfigurationError);
    expect(() => loadHttpConfig({ ...oidc, LEDGER_OIDC_ISSUER: 'http://login.library.example' })).toThrow(/plain http only on loopback/);
    expect(loadHttpConfig({ ...oidc, LEDGER_OIDC_ISSUER: 'http://127.0.0.1:4000' }).oidc?.plainHttp).toBe(true);
  });
});

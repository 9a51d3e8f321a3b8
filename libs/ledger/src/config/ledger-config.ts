import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { DEFAULT_JURISDICTION, isJurisdictionId, JURISDICTION_IDS, JURISDICTION_PACKS, type JurisdictionPack, ROLES, type Role } from '@ledger/domain';
import { sharedPermissionMessage, sharedPermissionProblems } from './private-files.js';
import { parseCosignerKey } from '../log/cosignature.js';
import { originOfPublicUrl } from '../log/signing-key.js';

/** A witness the log submits its checkpoints to (C2SP tlog-witness), and its verifier key (type 0x04). */
export interface WitnessEndpoint {
  /** The submission prefix: `<url>/add-checkpoint` is POSTed to. */
  readonly url: string;
  readonly key: string;
}
import { loadOidcSettings, type OidcSettings } from './oidc-settings.js';
import { loadMailSettings, mailIntervalSeconds, type MailSettings } from './mail-settings.js';

export type StoreKind = 'sqlite' | 'eventstoredb';
export type ViewsThread = 'worker' | 'main';

/**
 * What the ledger reads from its environment wherever it runs (the API, its views worker, the CLI),
 * read once, checked, and passed around. The HTTP server's own settings are `HttpConfig`.
 */
export interface LedgerConfig {
  readonly dataDir: string;
  /** Where the patron data keys and the blind-index key live; every instance of one library shares them. */
  readonly keysDir: string;
  readonly store: StoreKind;
  readonly eventStoreConnectionString?: string;
  readonly referralSlaMinutes: number;
  /** Hours within which an instrument on record must be referred to counsel before COUNSEL-REFERRAL-LATE. */
  readonly counselSlaHours?: number;
  /** Whether this instance runs the time-based finding checks (one instance per store should). */
  readonly timeChecks: boolean;
  /** The law the ledger decides under (`LEDGER_JURISDICTION`): rule citations, the statute's doors, statutory periods, the policy version stamped on every event. */
  readonly jurisdiction: JurisdictionPack;
  /** Days after a breach's discovery within which each affected patron must be notified (at most, and by default, the jurisdiction's period). */
  readonly breachNoticeDays: number;
  /** The library's time zone (`LEDGER_TIMEZONE`, IANA): periods the law counts in days end at the library's midnight. */
  readonly timeZone: string;
  /** Minutes between two runs of the purge scheduler (on instances with `timeChecks`). */
  readonly retentionIntervalMinutes: number;
  /** How many days before now a new case's `occurredAt` may lie (400 beyond). */
  readonly maxBackdateDays: number;
  /**
   * Where the API applies events to its views: `worker` (a worker thread, so the event loop that
   * answers requests only decides and appends) or `main` (the same thread, as the CLI does).
   */
  readonly viewsThread: ViewsThread;
  /** The log's checkpoint origin and key name (`LEDGER_LOG_ORIGIN`); absent: the one it already signs under (see `resolveLogOrigin`). */
  readonly logOrigin?: string;
  /** The origin a new log takes when none is configured: `LEDGER_PUBLIC_URL`'s host and path, never the key. */
  readonly newLogOrigin: string;
  /** The witnesses each new checkpoint is submitted to (`LEDGER_WITNESSES`: space-separated `<url>|<witness verifier key>`). */
  readonly witnesses: readonly WitnessEndpoint[];
  /** Start even when others can read the data dir or a key file (`LEDGER_ALLOW_SHARED_PERMISSIONS`, `--allow-shared-permissions`). */
  readonly allowSharedPermissions: boolean;
  readonly paths: {
    readonly events: string;
    readonly keys: string;
    readonly views: string;
    readonly blindIndexKey: string;
    readonly adminToken: string;
    /** Usernames and password hashes for the web sign-in. */
    readonly credentials: string;
    /** The Merkle log over `$all` and every checkpoint it signed. */
    readonly log: string;
    /** The bytes of documents attached to cases, each encrypted under its case's key. */
    readonly attachments: string;
    /** The log's Ed25519 signing key (`LEDGER_SIGNING_KEY_FILE`; default in the keys dir). */
    readonly signingKey: string;
  };
}

/** What only the HTTP server reads from its environment. */
export interface HttpConfig {
  readonly port: number;
  /** Failed authentications an address may make per minute before it is blocked for a minute. */
  readonly authFailuresPerMinute: number;
  /** Express `trust proxy` (e.g. `loopback`, `1`): which proxies may name the client address. */
  readonly trustProxy?: string;
  /** How long a SIGTERM waits for the requests in flight before closing their connections (default 10). */
  readonly shutdownGraceSeconds?: number;
  /** `GET /metrics` on the API's port with this bearer token (`LEDGER_METRICS_TOKEN`). */
  readonly metricsToken?: string;
  /** `GET /metrics` without a token on a port of its own (`LEDGER_METRICS_PORT`), for a network only Prometheus reaches. */
  readonly metricsPort?: number;
  /** Where users reach the ledger (`LEDGER_PUBLIC_URL`, no trailing slash): every link it builds starts here, never from a request header. */
  readonly publicUrl: string;
  /** A web session ends after this many minutes without a request (`LEDGER_SESSION_IDLE_MINUTES`). */
  readonly sessionIdleMinutes: number;
  /** Sign-in attempts (right or wrong) one address may make in a minute; past that every attempt gets 429 (`LEDGER_SIGNIN_ATTEMPTS_PER_MINUTE`). */
  readonly signInAttemptsPerMinute: number;
  /** The library's time zone (`LEDGER_TIMEZONE`, IANA): pages show and read dates and times in it. */
  readonly timeZone: string;
  /** Single sign-on (`LEDGER_OIDC_*`); absent when not configured. */
  readonly oidc?: OidcSettings;
  /** Outgoing mail (`LEDGER_SMTP_URL`, `LEDGER_MAIL_FROM`); absent when not configured: messages stay queued. */
  readonly mail?: MailSettings;
  /** Seconds between two runs of the mail outbox (`LEDGER_MAIL_INTERVAL_SECONDS`, default 60). */
  readonly mailIntervalSeconds?: number;
  /** Roles that must set up a second factor before any page (`LEDGER_MFA_REQUIRED_ROLES`, default admin,director,counsel; empty: none). */
  readonly mfaRequiredRoles: readonly Role[];
  /** The log's checkpoint, public key and tiles without a token (`LEDGER_LOG_PUBLIC`), so that anyone may mirror and witness it. */
  readonly logPublic?: boolean;
}

export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

function positiveInteger(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new ConfigurationError(`${name} must be a whole number from 1 to ${max}, not "${raw}"`);
  }
  return value;
}

/** The statute's period is a maximum: a library may set a shorter period for itself, never a longer one. */
function breachNoticeDays(raw: string | undefined, jurisdiction: JurisdictionPack): number {
  const { days: maximum, citation, words } = jurisdiction.breachNotice;
  const days = positiveInteger('LEDGER_BREACH_NOTICE_DAYS', raw, maximum, 3650);
  if (days > maximum) {
    throw new ConfigurationError(`LEDGER_BREACH_NOTICE_DAYS must be at most ${maximum}, not ${days}: ${citation} requires notice "${words}"`);
  }
  return days;
}

function jurisdictionOf(raw: string | undefined): JurisdictionPack {
  if (raw === undefined || raw === '') return DEFAULT_JURISDICTION;
  if (!isJurisdictionId(raw)) {
    throw new ConfigurationError(`LEDGER_JURISDICTION must be one of ${JURISDICTION_IDS.join(', ')}, not "${raw}"`);
  }
  return JURISDICTION_PACKS[raw];
}

function flag(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigurationError(`${name} must be true or false, not "${raw}"`);
}

/**
 * Where the log's signing key lives when `LEDGER_SIGNING_KEY_FILE` is not set: in the keys dir when
 * it is one of its own (`LEDGER_KEYS_DIR`), else in `<data dir>-keys/` beside the data dir, so that
 * whoever can rewrite the records cannot also re-sign them with a key found next to them. A ledger
 * whose key an earlier version made in the data dir keeps it there (and is warned at each start).
 */
function defaultSigningKeyFile(dataDir: string, keysDir: string): string {
  const inKeysDir = join(keysDir, SIGNING_KEY_FILE);
  return keysDir !== dataDir || existsSync(inKeysDir) ? inKeysDir : join(`${dataDir}-keys`, SIGNING_KEY_FILE);
}

const SIGNING_KEY_FILE = 'log-signing-key.pem';

export function loadLedgerConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): LedgerConfig {
  const rawDir = env.LEDGER_DATA_DIR || './data';
  const dataDir = isAbsolute(rawDir) ? rawDir : resolve(cwd, rawDir);
  const rawKeysDir = env.LEDGER_KEYS_DIR || dataDir;
  const keysDir = isAbsolute(rawKeysDir) ? rawKeysDir : resolve(cwd, rawKeysDir);
  const store = (env.LEDGER_STORE || 'sqlite') as StoreKind;
  if (store !== 'sqlite' && store !== 'eventstoredb') {
    throw new ConfigurationError(`LEDGER_STORE must be sqlite or eventstoredb, not "${String(store)}"`);
  }
  const eventStoreConnectionString = env.EVENTSTORE_CONNECTION_STRING || undefined;
  if (store === 'eventstoredb' && !eventStoreConnectionString) {
    throw new ConfigurationError('LEDGER_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING');
  }
  const viewsThread = (env.LEDGER_VIEWS_THREAD || 'worker') as ViewsThread;
  if (viewsThread !== 'worker' && viewsThread !== 'main') {
    throw new ConfigurationError(`LEDGER_VIEWS_THREAD must be worker or main, not "${String(viewsThread)}"`);
  }
  const logOrigin = env.LEDGER_LOG_ORIGIN || undefined;
  if (logOrigin !== undefined && !/^[^\s+]+$/u.test(logOrigin)) {
    throw new ConfigurationError(`LEDGER_LOG_ORIGIN must be one word without spaces or '+' (e.g. library.example/ledger), not "${logOrigin}"`);
  }
  const jurisdiction = jurisdictionOf(env.LEDGER_JURISDICTION);
  const rawKeyFile = env.LEDGER_SIGNING_KEY_FILE || defaultSigningKeyFile(dataDir, keysDir);
  return {
    dataDir,
    keysDir,
    store,
    eventStoreConnectionString,
    referralSlaMinutes: positiveInteger('LEDGER_REFERRAL_SLA_MINUTES', env.LEDGER_REFERRAL_SLA_MINUTES, 60, 60 * 24 * 30),
    maxBackdateDays: positiveInteger('LEDGER_MAX_BACKDATE_DAYS', env.LEDGER_MAX_BACKDATE_DAYS, 30, 3650),
    counselSlaHours: positiveInteger('LEDGER_COUNSEL_SLA_HOURS', env.LEDGER_COUNSEL_SLA_HOURS, 24, 24 * 365),
    timeChecks: flag('LEDGER_TIME_CHECKS', env.LEDGER_TIME_CHECKS, true),
    jurisdiction,
    breachNoticeDays: breachNoticeDays(env.LEDGER_BREACH_NOTICE_DAYS, jurisdiction),
    timeZone: libraryTimeZone(env.LEDGER_TIMEZONE),
    retentionIntervalMinutes: positiveInteger('LEDGER_RETENTION_INTERVAL_MINUTES', env.LEDGER_RETENTION_INTERVAL_MINUTES, 60, 60 * 24 * 7),
    viewsThread,
    logOrigin,
    newLogOrigin: originOfPublicUrl(env.LEDGER_PUBLIC_URL || `http://localhost:${env.PORT || 3000}`),
    allowSharedPermissions: flag('LEDGER_ALLOW_SHARED_PERMISSIONS', env.LEDGER_ALLOW_SHARED_PERMISSIONS, false),
    witnesses: witnesses(env.LEDGER_WITNESSES),
    paths: {
      events: join(dataDir, 'events.db'),
      keys: join(keysDir, 'keys.db'),
      views: join(dataDir, 'views.db'),
      blindIndexKey: join(keysDir, 'blind-index.key'),
      adminToken: join(dataDir, 'admin-token'),
      credentials: join(dataDir, 'credentials.db'),
      log: join(dataDir, 'log.db'),
      attachments: join(dataDir, 'attachments.db'),
      signingKey: isAbsolute(rawKeyFile) ? rawKeyFile : resolve(cwd, rawKeyFile),
    },
  };
}

/**
 * Refuses (ConfigurationError) a data dir, keys dir or secret file that others than the service account
 * can read, unless `allowSharedPermissions`. The server and the CLI call it before opening anything.
 */
export function assertLedgerFilesPrivate(config: LedgerConfig): void {
  if (config.allowSharedPermissions) return;
  const { paths } = config;
  const problems = sharedPermissionProblems(
    [config.dataDir, config.keysDir],
    // Key files and the admin token, which the ledger has always made 0600: a ledger made before the
    // other files were private (credentials.db, the databases) starts, private through its 0700 dir.
    [paths.keys, paths.blindIndexKey, paths.signingKey, paths.adminToken],
  );
  if (problems.length > 0) throw new ConfigurationError(sharedPermissionMessage(problems));
}

function witnesses(raw: string | undefined): WitnessEndpoint[] {
  return (raw ?? '').split(/\s+/).filter(Boolean).map((entry) => {
    const [url, key, ...rest] = entry.split('|');
    const problem = `LEDGER_WITNESSES is a space-separated list of <url>|<witness verifier key>; "${entry}"`;
    if (!url || !key || rest.length > 0) throw new ConfigurationError(`${problem} is not one`);
    try {
      if (!/^https?:$/.test(new URL(url).protocol)) throw new Error('not http(s)');
      parseCosignerKey(key);
    } catch (error) {
      throw new ConfigurationError(`${problem}: ${(error as Error).message}`);
    }
    return { url: url.replace(/\/+$/, ''), key };
  });
}

function metricsToken(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  // A guessable token would hand the ledger's activity to anyone who tries: as long as a user's.
  if (raw.length < 32) throw new ConfigurationError('LEDGER_METRICS_TOKEN must be at least 32 characters (e.g. openssl rand -hex 32)');
  return raw;
}

export function loadHttpConfig(env: NodeJS.ProcessEnv = process.env): HttpConfig {
  return {
    port: env.PORT === '0' ? 0 : positiveInteger('PORT', env.PORT, 3000, 65535),
    authFailuresPerMinute: positiveInteger('LEDGER_AUTH_FAILURES_PER_MINUTE', env.LEDGER_AUTH_FAILURES_PER_MINUTE, 30, 100_000),
    trustProxy: env.LEDGER_TRUST_PROXY || undefined,
    shutdownGraceSeconds: positiveInteger('LEDGER_SHUTDOWN_GRACE_SECONDS', env.LEDGER_SHUTDOWN_GRACE_SECONDS, 10, 3600),
    metricsToken: metricsToken(env.LEDGER_METRICS_TOKEN),
    metricsPort: env.LEDGER_METRICS_PORT === '0' ? 0 : env.LEDGER_METRICS_PORT ? positiveInteger('LEDGER_METRICS_PORT', env.LEDGER_METRICS_PORT, 0, 65535) : undefined,
    publicUrl: publicUrl(env),
    sessionIdleMinutes: positiveInteger('LEDGER_SESSION_IDLE_MINUTES', env.LEDGER_SESSION_IDLE_MINUTES, 30, 12 * 60),
    signInAttemptsPerMinute: positiveInteger('LEDGER_SIGNIN_ATTEMPTS_PER_MINUTE', env.LEDGER_SIGNIN_ATTEMPTS_PER_MINUTE, 30, 100_000),
    timeZone: libraryTimeZone(env.LEDGER_TIMEZONE),
    oidc: loadOidcSettings(env),
    mail: loadMailSettings(env),
    mailIntervalSeconds: mailIntervalSeconds(env),
    mfaRequiredRoles: mfaRequiredRoles(env.LEDGER_MFA_REQUIRED_ROLES),
    logPublic: flag('LEDGER_LOG_PUBLIC', env.LEDGER_LOG_PUBLIC, false),
  };
}

/** An IANA time zone the runtime knows (default America/New_York, a Connecticut library's). */
export function libraryTimeZone(raw: string | undefined): string {
  const zone = raw === undefined || raw.trim() === '' ? 'America/New_York' : raw.trim();
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new ConfigurationError(`LEDGER_TIMEZONE must be an IANA time zone such as America/New_York or UTC, not "${zone}"`);
  }
  return zone;
}

/** Set but empty means none; unset means the roles that can reach law-enforcement requests and users. */
function mfaRequiredRoles(raw: string | undefined): Role[] {
  if (raw === undefined) return ['admin', 'director', 'counsel'];
  const names = raw.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !(ROLES as readonly string[]).includes(name));
  if (unknown.length > 0) throw new ConfigurationError(`LEDGER_MFA_REQUIRED_ROLES names roles that do not exist: ${unknown.join(', ')} (roles: ${ROLES.join(', ')})`);
  return [...new Set(names as Role[])];
}

/** An http(s) origin, optionally with a path prefix; no query, fragment or credentials. */
function publicUrl(env: NodeJS.ProcessEnv): string {
  const raw = env.LEDGER_PUBLIC_URL;
  if (raw === undefined || raw === '') return `http://localhost:${env.PORT || 3000}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigurationError(`LEDGER_PUBLIC_URL must be an http or https URL, not "${raw}"`);
  }
  if (!/^https?:$/.test(url.protocol) || url.search || url.hash || url.username || url.password) {
    throw new ConfigurationError(`LEDGER_PUBLIC_URL must be an http or https URL with no query, fragment or credentials, not "${raw}"`);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

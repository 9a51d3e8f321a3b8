import { ConfigurationError } from './ledger-config.js';

/** Single sign-on through the library's OpenID provider (`LEDGER_OIDC_*`); absent when not configured. */
export interface OidcSettings {
  /** The provider's issuer URL (`LEDGER_OIDC_ISSUER`); its discovery document is read from `<issuer>/.well-known/openid-configuration`. */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** What the sign-in page's button names (`LEDGER_OIDC_NAME`): "Sign in with <name>". */
  readonly name: string;
  /** Plain http to the provider: only ever for an issuer on this machine's loopback (tests, a local trial). */
  readonly plainHttp: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/**
 * `LEDGER_OIDC_ISSUER`, `LEDGER_OIDC_CLIENT_ID` and `LEDGER_OIDC_CLIENT_SECRET` together, or none of them.
 * The issuer must be https, except on loopback: tokens and the client secret never cross a network in clear.
 */
export function loadOidcSettings(env: NodeJS.ProcessEnv): OidcSettings | undefined {
  const issuer = env.LEDGER_OIDC_ISSUER || undefined;
  const clientId = env.LEDGER_OIDC_CLIENT_ID || undefined;
  const clientSecret = env.LEDGER_OIDC_CLIENT_SECRET || undefined;
  if (issuer === undefined && clientId === undefined && clientSecret === undefined) return undefined;
  if (issuer === undefined || clientId === undefined || clientSecret === undefined) {
    throw new ConfigurationError('Single sign-on needs LEDGER_OIDC_ISSUER, LEDGER_OIDC_CLIENT_ID and LEDGER_OIDC_CLIENT_SECRET together (or none of them)');
  }
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new ConfigurationError(`LEDGER_OIDC_ISSUER must be an https URL, not "${issuer}"`);
  }
  const plainHttp = url.protocol === 'http:';
  if (!(url.protocol === 'https:' || (plainHttp && LOOPBACK.has(url.hostname))) || url.search || url.hash || url.username || url.password) {
    throw new ConfigurationError(`LEDGER_OIDC_ISSUER must be an https URL with no query, fragment or credentials (plain http only on loopback), not "${issuer}"`);
  }
  const name = (env.LEDGER_OIDC_NAME || 'your library account').trim().slice(0, 80);
  return { issuer, clientId, clientSecret, name, plainHttp };
}

import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** A person the provider knows: `login` is what its sign-in form takes. */
export interface ProviderAccount {
  readonly login: string;
  readonly email: string;
  readonly emailVerified?: boolean;
  readonly name?: string;
}

export interface TestOpenIdProvider {
  /** `http://127.0.0.1:<port>`: plain http, which the ledger allows only on loopback. */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The settings that point a ledger at this provider. */
  readonly env: Record<string, string>;
  close(): Promise<void>;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A real OpenID provider (the `oidc-provider` package) on a loopback port, with one confidential client
 * whose only redirect URI is the ledger's callback and PKCE required. Its sign-in page is a minimal one of
 * our own: the account's login, and optionally the authentication methods (`amr`) the provider should say
 * it used; it signs in and grants the requested scopes in one step.
 */
export async function startOpenIdProvider(options: { redirectUri: string; accounts: readonly ProviderAccount[]; name?: string }): Promise<TestOpenIdProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'disclosure-ledger';
  const clientSecret = 'a client secret the provider and the ledger share';
  const accounts = new Map(options.accounts.map((account) => [account.login, account]));
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [options.redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
    pkce: { required: () => true },
    jwks: { keys: [{ ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256' }] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    // `amr` in the ID token, as Entra ID and most providers give it; the email only from userinfo (the
    // provider's default), so the ledger's fallback to the userinfo endpoint is exercised too.
    claims: { openid: ['sub', 'amr'], email: ['email', 'email_verified'], profile: ['name'] },
    // Said out loud, so the provider does not warn about its defaults on every token.
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    cookies: { keys: ['the test provider signs its cookies with this'] },
    findAccount: (_ctx: unknown, id: string) => {
      const account = accounts.get(id);
      return account && { accountId: id, claims: () => ({ sub: id, email: account.email, email_verified: account.emailVerified ?? true, name: account.name ?? id }) };
    },
  });
  const handle = provider.callback();
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (request.url?.startsWith('/interaction/')) {
      interaction(provider, request, response).catch((error: unknown) => {
        response.statusCode = 500;
        response.end(String(error));
      });
      return;
    }
    handle(request, response);
  });
  return {
    issuer,
    clientId,
    clientSecret,
    env: { LEDGER_OIDC_ISSUER: issuer, LEDGER_OIDC_CLIENT_ID: clientId, LEDGER_OIDC_CLIENT_SECRET: clientSecret, LEDGER_OIDC_NAME: options.name ?? 'Library account' },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function interaction(provider: Provider, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const details = await provider.interactionDetails(request, response);
  if (request.method !== 'POST') {
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.end(`<!doctype html><html lang="en"><head><title>Library account</title></head><body><main>
<h1>Library account</h1>
<form method="post" action="/interaction/${escapeHtml(details.uid)}">
<label for="login">Account</label> <input id="login" name="login" autocomplete="username">
<label for="amr">Methods used (amr, comma-separated)</label> <input id="amr" name="amr" value="pwd">
<button type="submit">Continue</button>
</form></main></body></html>`);
    return;
  }
  let body = '';
  for await (const chunk of request) body += String(chunk);
  const form = new URLSearchParams(body);
  const accountId = form.get('login') ?? '';
  const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) });
  grant.addOIDCScope(String(details.params.scope));
  const grantId = await grant.save();
  const amr = (form.get('amr') || 'pwd').split(',').map((method) => method.trim()).filter(Boolean);
  await provider.interactionFinished(request, response, { login: { accountId, amr }, consent: { grantId } }, { mergeWithLastSubmission: false });
}

import { Inject, Injectable } from '@nestjs/common';
import * as oidc from 'openid-client';
import type { HttpConfig, OidcSettings } from '@ledger/ledger';
import { HTTP_CONFIG } from '../../infrastructure/tokens.js';
import { secondFactorInAmr } from './provider-second-factor.js';

/** What a sign-in started at the provider must find again when the browser comes back: kept sealed in a cookie, never in the query. */
export interface PendingSingleSignOn {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

/** Who the provider says signed in, as far as the ledger uses it. */
export interface ProviderIdentity {
  /** Lower-case; null when the provider gave none. */
  readonly email: string | null;
  readonly emailVerified: boolean;
  /** The `amr` claim shows a second factor at the provider (`secondFactorInAmr`). */
  readonly secondFactor: boolean;
}

/** The provider could not be reached, or its discovery document was not usable. */
export class ProviderUnavailable extends Error {}

/**
 * The ledger as an OpenID Connect relying party, through `openid-client`: the authorization code flow with
 * PKCE (S256), `state` and `nonce`, the client secret sent to the token endpoint (client_secret_basic, or what
 * the provider's metadata asks). The redirect URI is built from `LEDGER_PUBLIC_URL`, never from a request.
 */
@Injectable()
export class OpenIdClient {
  readonly settings: OidcSettings | undefined;
  readonly redirectUri: string;
  private configuration: Promise<oidc.Configuration> | null = null;

  constructor(@Inject(HTTP_CONFIG) http: Pick<HttpConfig, 'oidc' | 'publicUrl'>) {
    this.settings = http.oidc;
    this.redirectUri = `${http.publicUrl}/sign-in/oidc/callback`;
  }

  /** Where to send the browser, and what to keep until it comes back. */
  async start(): Promise<{ url: string; pending: PendingSingleSignOn }> {
    const configuration = await this.discovered();
    const pending = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: 'openid email profile',
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url: url.href, pending };
  }

  /**
   * Redeems the code the provider sent back (`query`: the callback's parameters) with the verifier kept for
   * it, checking `state`, the ID token (issuer, audience, signature, times) and its `nonce`. Throws on any
   * mismatch. The email comes from the ID token, or from the userinfo endpoint when the token leaves it out.
   */
  async finish(query: string, pending: PendingSingleSignOn): Promise<ProviderIdentity> {
    const configuration = await this.discovered();
    const callback = new URL(this.redirectUri);
    callback.search = query;
    const tokens = await oidc.authorizationCodeGrant(configuration, callback, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims()!;
    const claims = typeof idToken.email === 'string' ? idToken : { ...(await oidc.fetchUserInfo(configuration, tokens.access_token, idToken.sub)), amr: idToken.amr };
    return {
      email: typeof claims.email === 'string' ? claims.email.toLowerCase() : null,
      emailVerified: claims.email_verified === true,
      secondFactor: secondFactorInAmr(claims.amr),
    };
  }

  /** The provider's metadata, read once (and again after a failure, so a provider that was down is found once it is up). */
  private discovered(): Promise<oidc.Configuration> {
    const settings = this.settings;
    if (!settings) return Promise.reject(new ProviderUnavailable('Single sign-on is not configured'));
    this.configuration ??= oidc
      .discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, settings.plainHttp ? { execute: [oidc.allowInsecureRequests] } : undefined)
      .catch((error: unknown) => {
        this.configuration = null;
        throw new ProviderUnavailable(`The OpenID provider ${settings.issuer} could not be discovered: ${error instanceof Error ? error.message : String(error)}`);
      });
    return this.configuration;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { randomInt, randomUUID } from 'node:crypto';
import QRCode from 'qrcode';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { type SecondFactorKind, type UserCommand, userDecider, userStream } from '@ledger/domain';
import type { HttpConfig } from '@ledger/ledger';
import type { IdentityDirectory } from '@ledger/projections';
import { type CommandInstants, type LiveViews, StreamCommandRunner } from '@ledger/runtime';
import { type Clock, CLOCK, HTTP_CONFIG, IDENTITY_DIRECTORY, LIVE_VIEWS } from '../../infrastructure/tokens.js';
import { CredentialsEndedHere, type EndedStanding } from '../../auth/credentials-ended-here.js';
import type { Actor } from '../user-commands.js';
import { SecondFactorSecretsStore } from './second-factor-secrets.store.js';
import { newTotpSecret, totpStepOf, totpUri } from './totp.js';

export const SECOND_FACTOR_SECRETS = Symbol('SECOND_FACTOR_SECRETS');

export const RECOVERY_CODE_COUNT = 10;
const ISSUER = 'Disclosure Ledger';
/** Lower-case letters and digits without look-alikes (0/o, 1/l/i): read off paper and typed again. */
const CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** What a user's second factors come to, for their security page. */
export interface SecondFactorSummary {
  readonly totp: boolean;
  readonly passkeys: number;
  readonly recoveryCodesLeft: number;
}

export interface TotpSetUp {
  readonly secret: string;
  readonly qrSvg: string;
}

/** A second factor just proven and recorded; `recoveryCodes` when it was the user's first (shown once). */
export interface FactorAdded {
  readonly recoveryCodes: string[] | null;
}

/**
 * The second factors: TOTP, passkeys and recovery codes. The ledger records that a factor was added or
 * reset (user events), and its word decides: a secret this instance keeps counts only while the identity
 * directory names its factor. Secrets stay in the credentials store (`SecondFactorSecretsStore`).
 */
@Injectable()
export class SecondFactors {
  private readonly rpId: string;
  private readonly origin: string;

  constructor(
    @Inject(SECOND_FACTOR_SECRETS) private readonly secrets: SecondFactorSecretsStore,
    @Inject(IDENTITY_DIRECTORY) private readonly directory: IdentityDirectory,
    private readonly runner: StreamCommandRunner,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(HTTP_CONFIG) http: Pick<HttpConfig, 'publicUrl'>,
    private readonly ended: CredentialsEndedHere,
  ) {
    // WebAuthn binds a passkey to the site users reach: LEDGER_PUBLIC_URL, never a request header.
    const url = new URL(http.publicUrl);
    this.rpId = url.hostname;
    this.origin = url.origin;
  }

  /** Whether the user has a factor that signs in (an app or a passkey; recovery codes come with one). */
  hasAny(userId: string): boolean {
    const kinds = this.directory.findUser(userId)?.secondFactors ?? [];
    return kinds.includes('totp') || kinds.includes('passkey');
  }

  summary(userId: string): SecondFactorSummary {
    const live = this.directory.liveSecondFactorIds(userId);
    const left = [...this.secrets.recoveryCodesLeft(userId)].filter(([factorId]) => live.has(factorId)).reduce((sum, [, n]) => sum + n, 0);
    return {
      totp: this.secrets.totpOf(userId).some((totp) => totp.confirmed && live.has(totp.factorId)),
      passkeys: this.secrets.passkeysOf(userId).filter((passkey) => live.has(passkey.factorId)).length,
      recoveryCodesLeft: left,
    };
  }

  /** A new secret to set up an authenticator app with: as text, and as a QR code (inline SVG: no image request, nothing the page's CSP has to allow). */
  async beginTotp(userId: string, accountName: string): Promise<TotpSetUp> {
    this.secrets.addUnconfirmedTotp(userId, randomUUID(), newTotpSecret());
    return (await this.pendingTotp(userId, accountName))!;
  }

  /** The secret being set up (not yet confirmed), to show again beside a wrong code; null when none is. */
  async pendingTotp(userId: string, accountName: string): Promise<TotpSetUp | null> {
    const secret = this.secrets.totpOf(userId).find((totp) => !totp.confirmed)?.secret;
    if (secret === undefined) return null;
    const svg = await QRCode.toString(totpUri(secret, accountName, ISSUER), { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
    // Groups of four, as apps show them and people type them.
    return { secret: secret.replace(/(.{4})(?=.)/g, '$1 '), qrSvg: svg.replace('<svg ', '<svg role="img" aria-label="QR code of the secret for your authenticator app" ') };
  }

  /** Confirms the app with a code from it: only then does it count (null when the code is not right). */
  async confirmTotp(actor: Actor, code: string): Promise<FactorAdded | null> {
    const pending = this.secrets.totpOf(actor.userId).find((totp) => !totp.confirmed);
    const step = pending ? totpStepOf(pending.secret, code, this.clock.now()) : null;
    if (!pending || step === null || !this.secrets.confirmTotp(actor.userId, pending.factorId, step)) return null;
    return this.added(actor, pending.factorId, 'totp');
  }

  /**
   * Checks a code typed at sign-in: a TOTP code (each time step once) or a recovery code (each once).
   * Answers which it was, or null.
   */
  checkCode(userId: string, code: string): 'totp' | 'recovery_code' | null {
    const live = this.directory.liveSecondFactorIds(userId);
    const now = this.clock.now();
    const typed = code.trim();
    if (/^\d{3}\s?\d{3}$/.test(typed)) {
      for (const totp of this.secrets.totpOf(userId)) {
        if (!totp.confirmed || !live.has(totp.factorId)) continue;
        const step = totpStepOf(totp.secret, typed, now);
        if (step !== null && (totp.lastStep === null || step > totp.lastStep) && this.secrets.spendTotpStep(totp.factorId, step)) return 'totp';
      }
      return null;
    }
    if (typed.length > 40) return null;
    const set = this.secrets.spendRecoveryCode(userId, typed, now.toISOString());
    return set !== null && live.has(set) ? 'recovery_code' : null;
  }

  async passkeyRegistrationOptions(userId: string, accountName: string, displayName: string): Promise<PublicKeyCredentialCreationOptionsJSON> {
    return generateRegistrationOptions({
      rpName: ISSUER,
      rpID: this.rpId,
      userName: accountName,
      userDisplayName: displayName,
      userID: new TextEncoder().encode(userId),
      attestationType: 'none',
      excludeCredentials: this.livePasskeys(userId).map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports as AuthenticatorTransportFuture[] })),
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
    });
  }

  /** Verifies the browser's attestation against the challenge this session was given; null when it does not hold. */
  async registerPasskey(actor: Actor, response: RegistrationResponseJSON, expectedChallenge: string): Promise<FactorAdded | null> {
    const verification = await verifyRegistrationResponse({ response, expectedChallenge, expectedOrigin: this.origin, expectedRPID: this.rpId, requireUserVerification: true }).catch(() => null);
    if (!verification?.verified || !verification.registrationInfo) return null;
    const { credential } = verification.registrationInfo;
    const factorId = randomUUID();
    this.secrets.addPasskey({ credentialId: credential.id, factorId, userId: actor.userId, publicKey: credential.publicKey, counter: credential.counter, transports: credential.transports ?? [] });
    return this.added(actor, factorId, 'passkey');
  }

  async passkeyAuthenticationOptions(userId: string): Promise<PublicKeyCredentialRequestOptionsJSON> {
    return generateAuthenticationOptions({
      rpID: this.rpId,
      allowCredentials: this.livePasskeys(userId).map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports as AuthenticatorTransportFuture[] })),
      userVerification: 'required',
    });
  }

  /** Whether the assertion is from one of the user's live passkeys, for this session's challenge. */
  async checkPasskey(userId: string, response: AuthenticationResponseJSON, expectedChallenge: string): Promise<boolean> {
    const passkey = this.livePasskeys(userId).find((candidate) => candidate.credentialId === response.id);
    if (!passkey) return false;
    const verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge,
      expectedOrigin: this.origin,
      expectedRPID: this.rpId,
      credential: { id: passkey.credentialId, publicKey: passkey.publicKey as Uint8Array<ArrayBuffer>, counter: passkey.counter, transports: passkey.transports as AuthenticatorTransportFuture[] },
      requireUserVerification: true,
    }).catch(() => null);
    if (!verification?.verified) return false;
    this.secrets.setPasskeyCounter(passkey.credentialId, verification.authenticationInfo.newCounter);
    return true;
  }

  /** The admin's reset: `SecondFactorsReset` (which ends the user's sessions on every instance), then the secrets go. */
  async reset(userId: string, actor: Actor): Promise<void> {
    await this.record(userId, actor, ({ occurredAt }) => ({ type: 'ResetSecondFactors', userId, by: actor.userId, occurredAt }), 'sessions');
    this.secrets.forget(userId);
  }

  private livePasskeys(userId: string) {
    const live = this.directory.liveSecondFactorIds(userId);
    return this.secrets.passkeysOf(userId).filter((passkey) => live.has(passkey.factorId));
  }

  /** Records the factor; with the user's first, a set of recovery codes too (returned to be shown once). */
  private async added(actor: Actor, factorId: string, kind: SecondFactorKind): Promise<FactorAdded> {
    await this.record(actor.userId, actor, ({ occurredAt }) => ({ type: 'AddSecondFactor', userId: actor.userId, factorId, kind, occurredAt }));
    if (this.directory.findUser(actor.userId)?.secondFactors.includes('recovery_codes')) return { recoveryCodes: null };
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    const setId = randomUUID();
    this.secrets.addRecoveryCodes(actor.userId, setId, codes);
    await this.record(actor.userId, actor, ({ occurredAt }) => ({ type: 'AddSecondFactor', userId: actor.userId, factorId: setId, kind: 'recovery_codes', occurredAt }));
    return { recoveryCodes: codes };
  }

  /** `ends`: what the event ends of the user's, which this instance refuses at once (`CredentialsEndedHere`). */
  private async record(userId: string, actor: Actor, command: (instants: CommandInstants) => UserCommand, ends?: EndedStanding): Promise<void> {
    const result = await this.runner.run({
      stream: userStream(userId),
      decider: userDecider,
      expect: 'existing',
      notFoundMessage: `No user ${userId}`,
      user: actor,
      command,
    });
    if (ends) this.ended.record(userId, ends, result.position);
    // The next request (a sign-in, the Users page) reads the directory: it must already name the factor.
    await this.views.waitFor(result.position);
  }
}

/** Ten characters (about 49 bits) as `xxxxx-xxxxx`; stored only as an HMAC. */
function newRecoveryCode(): string {
  const chars = Array.from({ length: 10 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

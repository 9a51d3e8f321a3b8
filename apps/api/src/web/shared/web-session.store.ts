import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { Role } from '@ledger/domain';
import { sha256Hex } from '../../auth/token-secrets.js';
import type { HttpConfig } from '@ledger/ledger';
import { type Clock, CLOCK, HTTP_CONFIG } from '../../infrastructure/tokens.js';
import type { PendingStep, SignInProgress } from '../account/sign-in-progress.js';

/** A session ends after this long without a request, unless `LEDGER_SESSION_IDLE_MINUTES` says otherwise. */
export const SESSION_IDLE_MS = 30 * 60_000;
/** …and after this long in any case, so that a session left open on a shared desk does not live for ever. */
export const SESSION_MAX_MS = 12 * 3_600_000;
/** How long the ledger remembers whose session ran out, to keep a form posted after it as that user's draft. */
const LAPSED_KEPT_MS = 30 * 60_000;

export interface WebSession {
  readonly userId: string;
  readonly name: string;
  readonly role: Role;
  /**
   * When the ledger recorded the password this session was signed in with: the session lives only while
   * the identity directory still names that password (a deactivation or a new password ends it).
   */
  readonly passwordSetAt: string | null;
  /**
   * Set when the user signed in through the library's OpenID provider (absent: with a password).
   * `secondFactor`: the provider's `amr` claim showed a second factor (`mfa`, `otp`, `hwk`, `swk`, `fpt` …),
   * which counts as the second factor `LEDGER_MFA_REQUIRED_ROLES` asks for (docs/security.md).
   */
  readonly singleSignOn?: { readonly secondFactor: boolean };
  /** The instant of the user's last second-factor reset when the session began: a later reset ends it. */
  readonly secondFactorsResetAt: string | null;
  /** The instant of the user's last deactivation when the session began: a later one ends it, reactivated or not. */
  readonly deactivatedAt: string | null;
  /** The second factor still to give or set up, and when the user last signed in (docs/security.md). */
  readonly signIn: SignInProgress;
  /** Sent back in every form (`_csrf`) and htmx request (`X-CSRF-Token`). */
  readonly csrfToken: string;
  readonly startedAt: number;
  lastSeenAt: number;
}

/**
 * Web sessions, in memory: a restart signs everyone out, which a library can live with, and no session
 * secret is ever written anywhere. Keyed by the SHA-256 of the cookie value, so a heap dump does not
 * hand out live cookies. Time comes from the injected clock (tests move it).
 */
@Injectable()
export class WebSessionStore {
  private readonly sessions = new Map<string, WebSession>();
  /** Whose sessions ran out (not signed out) in the last half hour, by cookie hash: a form posted after that is kept as their draft. */
  private readonly lapsed = new Map<string, { readonly userId: string; readonly at: number }>();
  private readonly idleMs: number;

  constructor(@Inject(CLOCK) private readonly clock: Clock, @Inject(HTTP_CONFIG) http: Pick<HttpConfig, 'sessionIdleMinutes'>) {
    this.idleMs = http.sessionIdleMinutes * 60_000;
  }

  /** A new session; the answer is the cookie value, shown only to the browser. */
  start(user: Pick<WebSession, 'userId' | 'name' | 'role' | 'passwordSetAt' | 'singleSignOn'> & { secondFactorsResetAt?: string | null; deactivatedAt?: string | null }, pending: PendingStep | null = null, returnTo: string | null = null): string {
    this.sweep();
    const secret = randomBytes(32).toString('base64url');
    const now = this.clock.now().getTime();
    const signIn: SignInProgress = { pending, signedInAt: now, returnTo, challenge: null, recoveryCodesToShow: null };
    this.sessions.set(sha256Hex(secret), { ...user, secondFactorsResetAt: user.secondFactorsResetAt ?? null, deactivatedAt: user.deactivatedAt ?? null, signIn, csrfToken: randomBytes(32).toString('base64url'), startedAt: now, lastSeenAt: now });
    return secret;
  }

  /** The live session for a cookie value, its idle clock reset; null when unknown or expired (then forgotten). */
  resume(secret: string): WebSession | null {
    const key = sha256Hex(secret);
    const session = this.sessions.get(key);
    if (!session) return null;
    const now = this.clock.now().getTime();
    if (this.expired(session, now)) {
      this.lapse(key, session, now);
      return null;
    }
    session.lastSeenAt = now;
    return session;
  }

  /** Whether a cookie value names a live session, without touching its idle clock (nothing is read for anyone else). */
  isLive(secret: string): boolean {
    const session = this.sessions.get(sha256Hex(secret));
    return session !== undefined && !this.expired(session, this.clock.now().getTime());
  }

  /** How long the session has left if nothing more is asked of it: the idle timeout, or the 12 hours, whichever ends first. */
  secondsLeft(session: WebSession): number {
    const now = this.clock.now().getTime();
    return Math.max(0, Math.floor((Math.min(session.lastSeenAt + this.idleMs, session.startedAt + SESSION_MAX_MS) - now) / 1000));
  }

  /** The user whose session this cookie named until it ran out, lately (a sign-out or an unknown cookie: null). */
  lapsedUserOf(secret: string): string | null {
    const lapsed = this.lapsed.get(sha256Hex(secret));
    return lapsed && this.clock.now().getTime() - lapsed.at < LAPSED_KEPT_MS ? lapsed.userId : null;
  }

  end(secret: string): void {
    this.sessions.delete(sha256Hex(secret));
  }

  /** Signs a user out everywhere (their tokens were revoked, or they left). */
  endAllOf(userId: string): number {
    let ended = 0;
    for (const [key, session] of this.sessions) {
      if (session.userId === userId) {
        this.sessions.delete(key);
        ended += 1;
      }
    }
    return ended;
  }

  private sweep(): void {
    const now = this.clock.now().getTime();
    for (const [key, session] of this.sessions) if (this.expired(session, now)) this.lapse(key, session, now);
    for (const [key, lapsed] of this.lapsed) if (now - lapsed.at >= LAPSED_KEPT_MS) this.lapsed.delete(key);
  }

  private lapse(key: string, session: WebSession, now: number): void {
    this.sessions.delete(key);
    this.lapsed.set(key, { userId: session.userId, at: now });
  }

  private expired(session: WebSession, now: number): boolean {
    return now - session.lastSeenAt >= this.idleMs || now - session.startedAt >= SESSION_MAX_MS;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { Role } from '@ledger/domain';
import { sha256Hex } from '../../auth/token-secrets.js';
import { type Clock, CLOCK } from '../../infrastructure/tokens.js';

/** A session ends after this long without a request. */
export const SESSION_IDLE_MS = 30 * 60_000;
/** …and after this long in any case, so that a session left open on a shared desk does not live for ever. */
export const SESSION_MAX_MS = 12 * 3_600_000;

export interface WebSession {
  readonly userId: string;
  readonly name: string;
  readonly role: Role;
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

  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  /** A new session; the answer is the cookie value, shown only to the browser. */
  start(user: { userId: string; name: string; role: Role }): string {
    this.sweep();
    const secret = randomBytes(32).toString('base64url');
    const now = this.clock.now().getTime();
    this.sessions.set(sha256Hex(secret), { ...user, csrfToken: randomBytes(32).toString('base64url'), startedAt: now, lastSeenAt: now });
    return secret;
  }

  /** The live session for a cookie value, its idle clock reset; null when unknown or expired (then forgotten). */
  resume(secret: string): WebSession | null {
    const key = sha256Hex(secret);
    const session = this.sessions.get(key);
    if (!session) return null;
    const now = this.clock.now().getTime();
    if (expired(session, now)) {
      this.sessions.delete(key);
      return null;
    }
    session.lastSeenAt = now;
    return session;
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
    for (const [key, session] of this.sessions) if (expired(session, now)) this.sessions.delete(key);
  }
}

function expired(session: WebSession, now: number): boolean {
  return now - session.lastSeenAt >= SESSION_IDLE_MS || now - session.startedAt >= SESSION_MAX_MS;
}

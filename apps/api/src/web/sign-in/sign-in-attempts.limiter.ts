import { Inject, Injectable } from '@nestjs/common';
import type { HttpConfig } from '@ledger/ledger';
import { type Clock, CLOCK, HTTP_CONFIG } from '../../infrastructure/tokens.js';

const WINDOW_MS = 60_000;
const MAX_TRACKED = 10_000;

/**
 * Per address, every sign-in attempt counts, right or wrong: past `LEDGER_SIGNIN_ATTEMPTS_PER_MINUTE`
 * in a minute, every further attempt from that address is refused (429) until the minute is over, the
 * right password included. Spraying many usernames with a few passwords each from one address therefore
 * learns nothing once it is over the limit, even when it hits a right pair.
 */
@Injectable()
export class SignInAttemptsLimiter {
  private readonly addresses = new Map<string, { windowStartedAt: number; attempts: number }>();
  private readonly limit: number;

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(HTTP_CONFIG) http: Pick<HttpConfig, 'signInAttemptsPerMinute'>,
  ) {
    this.limit = http.signInAttemptsPerMinute;
  }

  /** Counts the attempt; answers the seconds to wait when it is over the limit, or null when it may go on. */
  attempt(address: string): number | null {
    const now = this.clock.now().getTime();
    let record = this.addresses.get(address);
    if (!record || now - record.windowStartedAt >= WINDOW_MS) {
      if (!record && this.addresses.size >= MAX_TRACKED) this.addresses.delete(this.addresses.keys().next().value!);
      record = { windowStartedAt: now, attempts: 0 };
      this.addresses.set(address, record);
    }
    record.attempts += 1;
    return record.attempts > this.limit ? Math.max(1, Math.ceil((record.windowStartedAt + WINDOW_MS - now) / 1000)) : null;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { type Clock, CLOCK } from '../../infrastructure/tokens.js';

export const ACCOUNT_FAILURES_ALLOWED = 5;
export const ACCOUNT_WINDOW_MS = 15 * 60_000;
const MAX_TRACKED = 10_000;

/**
 * Per-account limit on password guesses, on top of the per-address limiter: five wrong passwords for
 * one username within 15 minutes lock that username for 15 minutes, from every address. It counts
 * names that do not exist the same way, so a lock-out says nothing about which usernames are real.
 */
@Injectable()
export class PasswordAttemptsLimiter {
  private readonly accounts = new Map<string, { windowStartedAt: number; failures: number; lockedUntil: number }>();

  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  isLocked(username: string): boolean {
    const record = this.accounts.get(username);
    return record !== undefined && record.lockedUntil > this.clock.now().getTime();
  }

  recordFailure(username: string): void {
    const now = this.clock.now().getTime();
    let record = this.accounts.get(username);
    if (!record || now - record.windowStartedAt >= ACCOUNT_WINDOW_MS) {
      if (!record && this.accounts.size >= MAX_TRACKED) this.accounts.delete(this.accounts.keys().next().value!);
      record = { windowStartedAt: now, failures: 0, lockedUntil: record?.lockedUntil ?? 0 };
      this.accounts.set(username, record);
    }
    record.failures += 1;
    if (record.failures >= ACCOUNT_FAILURES_ALLOWED) record.lockedUntil = now + ACCOUNT_WINDOW_MS;
  }

  recordSuccess(username: string): void {
    this.accounts.delete(username);
  }
}

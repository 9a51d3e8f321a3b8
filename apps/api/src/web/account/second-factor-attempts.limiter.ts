import { Inject, Injectable } from '@nestjs/common';
import { type Clock, CLOCK } from '../../infrastructure/tokens.js';

export const SECOND_FACTOR_FAILURES_ALLOWED = 5;
const WINDOW_MS = 15 * 60_000;
const MAX_TRACKED = 10_000;

/**
 * Wrong second-factor codes and passkeys, per user: five in 15 minutes lock the step for 15 minutes, so a
 * million TOTP codes cannot be tried at that pace. Only a session that already gave the right password
 * reaches this step, so a stranger cannot lock anyone out here. Kept in this instance's memory.
 */
@Injectable()
export class SecondFactorAttemptsLimiter {
  private readonly users = new Map<string, { windowStartedAt: number; failures: number; lockedUntil: number }>();

  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  isLocked(userId: string): boolean {
    const record = this.users.get(userId);
    return record !== undefined && record.lockedUntil > this.clock.now().getTime();
  }

  recordFailure(userId: string): void {
    const now = this.clock.now().getTime();
    let record = this.users.get(userId);
    if (!record || now - record.windowStartedAt >= WINDOW_MS) {
      if (!record && this.users.size >= MAX_TRACKED) this.users.delete(this.users.keys().next().value!);
      record = { windowStartedAt: now, failures: 0, lockedUntil: record?.lockedUntil ?? 0 };
      this.users.set(userId, record);
    }
    record.failures += 1;
    if (record.failures >= SECOND_FACTOR_FAILURES_ALLOWED) record.lockedUntil = now + WINDOW_MS;
  }

  recordSuccess(userId: string): void {
    this.users.delete(userId);
  }
}

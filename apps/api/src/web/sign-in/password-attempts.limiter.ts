import { Inject, Injectable } from '@nestjs/common';
import { type Clock, CLOCK } from '../../infrastructure/tokens.js';

/** Wrong passwords for one username, from browsers without its device cookie, before each next try must wait. */
export const FREE_FAILURES = 3;
/** …and how many before the username is closed to such browsers for `ACCOUNT_WINDOW_MS`. */
export const ACCOUNT_FAILURES_ALLOWED = 10;
export const ACCOUNT_WINDOW_MS = 15 * 60_000;
/** Wrong passwords one device cookie may send before that browser counts as unknown too. */
export const DEVICE_FAILURES_ALLOWED = 10;
const MAX_TRACKED = 10_000;

interface Failures {
  failures: number;
  lastFailureAt: number;
  /** No attempt (of this kind) before this instant. */
  nextAllowedAt: number;
}

/**
 * Password guesses per account, the OWASP way with device cookies: a browser that holds the account's
 * device cookie (it signed in as that account before) is counted on its own, by that cookie; every other
 * browser is counted together, per username. A stranger guessing therefore slows and then closes the
 * username only for browsers it has never signed in on, and the owner at their own desk signs in all the
 * while. Names that do not exist are counted the same way, so a wait says nothing about which are real.
 *
 * From unknown browsers: three wrong passwords free, then a wait before the next try that doubles with
 * each failure (1 s, 2 s, 4 s …), and after ten, 15 minutes. A device cookie that sends ten wrong
 * passwords in 15 minutes is treated as unknown until they are over. Kept in this instance's memory.
 */
/** When an unknown browser may try again after `failures` wrong passwords in a row, the last at `lastFailureAt` (ms). */
export function nextTryAfter(failures: number, lastFailureAt: number): number {
  if (failures >= ACCOUNT_FAILURES_ALLOWED) return lastFailureAt + ACCOUNT_WINDOW_MS;
  if (failures >= FREE_FAILURES) return lastFailureAt + 1000 * 2 ** (failures - FREE_FAILURES);
  return 0;
}

/**
 * The same rule over the wrong passwords every instance recorded for the user (the access log, newest first):
 * those from unknown browsers (`query.device` not `known`) since the last sign-in from one, in the last 15 minutes.
 */
export function waitFromRecords(records: readonly { occurredAt: string; query: Record<string, string> | null }[], now: number): number | null {
  let failures = 0;
  let lastFailureAt = 0;
  for (const record of records) {
    if (record.query?.device === 'known' || record.query?.method === 'oidc') continue;
    if (record.query?.reason === 'signed_in') break;
    if (record.query?.reason !== 'wrong_password') continue;
    failures += 1;
    lastFailureAt = Math.max(lastFailureAt, Date.parse(record.occurredAt));
  }
  const next = nextTryAfter(failures, lastFailureAt);
  return next > now ? Math.max(1, Math.ceil((next - now) / 1000)) : null;
}

/** The longer of two waits (null: none). */
export function maxWait(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}

@Injectable()
export class PasswordAttemptsLimiter {
  private readonly accounts = new Map<string, Failures>();
  private readonly devices = new Map<string, Failures>();

  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  /**
   * Seconds to wait before `username` may be tried from this browser, or null when it may be tried now.
   * `device`: the id of the browser's valid device cookie for that account, or null.
   */
  wait(username: string, device: string | null): number | null {
    const now = this.clock.now().getTime();
    if (this.trusted(device, now)) return null;
    const record = this.current(this.accounts, username, now);
    return record && record.nextAllowedAt > now ? Math.max(1, Math.ceil((record.nextAllowedAt - now) / 1000)) : null;
  }

  recordFailure(username: string, device: string | null): void {
    const now = this.clock.now().getTime();
    if (this.trusted(device, now)) {
      const record = this.count(this.devices, device!, now);
      if (record.failures >= DEVICE_FAILURES_ALLOWED) record.nextAllowedAt = now + ACCOUNT_WINDOW_MS;
      return;
    }
    const record = this.count(this.accounts, username, now);
    record.nextAllowedAt = nextTryAfter(record.failures, now);
  }

  /** Forgets the failures of what signed in: the device's own, or (from an unknown browser) the username's. */
  recordSuccess(username: string, device: string | null): void {
    if (this.trusted(device, this.clock.now().getTime())) this.devices.delete(device!);
    else this.accounts.delete(username);
  }

  /** A device cookie counts on its own until it has sent too many wrong passwords. */
  private trusted(device: string | null, now: number): boolean {
    if (device === null) return false;
    const record = this.current(this.devices, device, now);
    return !record || record.nextAllowedAt <= now;
  }

  /** The failures still in their window (15 minutes since the last one, and any wait not yet over). */
  private current(map: Map<string, Failures>, key: string, now: number): Failures | undefined {
    const record = map.get(key);
    if (record && now - record.lastFailureAt >= ACCOUNT_WINDOW_MS && record.nextAllowedAt <= now) {
      map.delete(key);
      return undefined;
    }
    return record;
  }

  private count(map: Map<string, Failures>, key: string, now: number): Failures {
    let record = this.current(map, key, now);
    if (!record) {
      if (map.size >= MAX_TRACKED) map.delete(map.keys().next().value!);
      record = { failures: 0, lastFailureAt: now, nextAllowedAt: 0 };
      map.set(key, record);
    }
    record.failures += 1;
    record.lastFailureAt = now;
    return record;
  }
}

import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { HttpConfig } from '@ledger/ledger';
import { HTTP_CONFIG } from '../infrastructure/tokens.js';

const WINDOW_MS = 60_000;
const BLOCK_MS = 60_000;
/** Bounds the memory an address-spraying client can make us hold. */
const MAX_TRACKED_ADDRESSES = 10_000;

/** 429 with Retry-After: the address has failed authentication too often. */
export class TooManyFailedAuthentications extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super('Too many failed authentication attempts from this address; try again later', HttpStatus.TOO_MANY_REQUESTS);
  }
}

interface AddressRecord {
  windowStartedAt: number;
  failures: number;
  blockedUntil: number;
}

/**
 * Counts failed authentications per client address in a fixed one-minute window. Past the limit the
 * address is blocked for a minute: its failed attempts are answered 429 instead of 401, so guessing
 * cannot go on at speed. A request with a valid token is always served: tokens are 256 random bits,
 * so the limiter only has guessing to slow, and someone else's failures behind the same address (a
 * library's NAT, a proxy) must never lock out a colleague who holds a real token.
 *
 * (@nestjs/throttler 6 is CommonJS requiring the ESM-only @nestjs/common 12, which Node 20 cannot
 * load inside jest's module sandbox, so this small limiter stands in for it.)
 */
@Injectable()
export class FailedAuthenticationLimiter {
  private readonly records = new Map<string, AddressRecord>();

  constructor(@Inject(HTTP_CONFIG) private readonly config: HttpConfig) {}

  /** Throws 429 while `address` is blocked (nothing is counted). */
  assertNotBlocked(address: string, now = Date.now()): void {
    const blockedUntil = this.records.get(address)?.blockedUntil ?? 0;
    if (blockedUntil > now) throw new TooManyFailedAuthentications(Math.ceil((blockedUntil - now) / 1000));
  }

  /** A failed authentication from `address`: throws 429 while the address is blocked, or once it becomes so. */
  recordFailure(address: string, now = Date.now()): void {
    this.assertNotBlocked(address, now);
    let record = this.records.get(address);
    if (!record || now - record.windowStartedAt >= WINDOW_MS) {
      if (!record && this.records.size >= MAX_TRACKED_ADDRESSES) this.forgetIdle(now);
      record = { windowStartedAt: now, failures: 0, blockedUntil: record?.blockedUntil ?? 0 };
      this.records.set(address, record);
    }
    record.failures += 1;
    if (record.failures > this.config.authFailuresPerMinute) {
      record.blockedUntil = now + BLOCK_MS;
      throw new TooManyFailedAuthentications(BLOCK_MS / 1000);
    }
  }

  private forgetIdle(now: number): void {
    for (const [address, record] of this.records) {
      if (record.blockedUntil <= now && now - record.windowStartedAt >= WINDOW_MS) this.records.delete(address);
    }
    // Still full of live records: drop the oldest rather than grow without bound.
    if (this.records.size >= MAX_TRACKED_ADDRESSES) this.records.delete(this.records.keys().next().value!);
  }
}

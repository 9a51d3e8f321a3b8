import { Injectable } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { readCookies, WebCookies } from '../shared/web-cookies.js';
import { SignInKeys } from './sign-in-keys.js';

const DEVICE_COOKIE = 'ledger_device';
/** How long a browser stays known to the accounts that signed in on it. */
const DEVICE_COOKIE_MS = 180 * 24 * 3_600_000;
/** Accounts one browser is known to (a shared desk): the most recent first. */
const ACCOUNTS_PER_BROWSER = 5;
const ENTRY = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

/**
 * Device cookies (OWASP Authentication Cheat Sheet): after a successful sign-in, the browser keeps a
 * proof, signed with an HMAC under a key from the keys dir, that this account signed in on it. Its
 * wrong passwords are then counted apart from everyone else's (`PasswordAttemptsLimiter`), so a stranger
 * guessing cannot lock the owner out. The value is `<userId>.<device id>.<HMAC>` for each of up to five
 * accounts, joined by `~`; anything that does not verify is ignored. HttpOnly, SameSite=Lax, host-only,
 * and `Secure` and `__Host-` under an https `LEDGER_PUBLIC_URL`, as the session cookie.
 */
@Injectable()
export class DeviceCookies {
  private readonly name: string;

  constructor(
    private readonly cookies: WebCookies,
    private readonly keys: SignInKeys,
  ) {
    this.name = cookies.named(DEVICE_COOKIE);
  }

  /** The device id this browser holds for `userId`, when its cookie verifies; null otherwise. */
  deviceOf(request: Request, userId: string): string | null {
    return this.entries(request).find((entry) => entry.userId === userId)?.device ?? null;
  }

  /** After a successful sign-in: a new device id for this account, beside the other accounts the browser is known to. */
  issue(request: Request, response: Response, userId: string): void {
    const fresh = { userId, device: randomBytes(16).toString('base64url') };
    const kept = this.entries(request).filter((entry) => entry.userId !== userId);
    const value = [fresh, ...kept].slice(0, ACCOUNTS_PER_BROWSER).map((entry) => `${entry.userId}.${entry.device}.${this.mac(entry.userId, entry.device)}`).join('~');
    this.cookies.set(request, response, this.name, value, DEVICE_COOKIE_MS);
  }

  private entries(request: Request): { userId: string; device: string }[] {
    const found: { userId: string; device: string }[] = [];
    for (const value of readCookies(request, this.name)) {
      for (const part of value.split('~')) {
        const match = ENTRY.exec(part);
        if (!match) continue;
        const [, userId, device, mac] = match as unknown as [string, string, string, string];
        const expected = Buffer.from(this.mac(userId, device));
        if (timingSafeEqual(Buffer.from(mac), expected) && !found.some((entry) => entry.userId === userId)) found.push({ userId, device });
      }
    }
    return found;
  }

  private mac(userId: string, device: string): string {
    return createHmac('sha256', this.keys.deviceCookie).update(`${userId}.${device}`).digest('base64url');
  }
}

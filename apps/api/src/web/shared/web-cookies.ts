import { Inject, Injectable } from '@nestjs/common';
import type { CookieOptions, Request, Response } from 'express';
import type { HttpConfig } from '@ledger/ledger';
import { HTTP_CONFIG } from '../../infrastructure/tokens.js';

const SESSION = 'ledger_session';
/** Before sign-in there is no session: the sign-in and enrollment forms use a double-submit token. */
const FORM = 'ledger_form';

/**
 * Every value the `Cookie` header holds under `name`, in the order sent. A value that is not valid
 * percent-encoding is ignored, as if absent: a malformed cookie is the sender's problem, never a 500.
 * Several values can come when a sibling subdomain planted one with `Domain=`; the caller tries each.
 */
export function readCookies(request: Pick<Request, 'headers'>, name: string): string[] {
  const values: string[] = [];
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index <= 0 || part.slice(0, index).trim() !== name) continue;
    try {
      values.push(decodeURIComponent(part.slice(index + 1).trim()));
    } catch {
      // Not valid percent-encoding (`%`, `%ZZ`): treated as absent.
    }
  }
  return values;
}

/**
 * The web application's two cookies. Host-only (no `Domain`), `HttpOnly`, `SameSite=Lax`, `Path=/`;
 * `Secure` whenever `LEDGER_PUBLIC_URL` is https (or the request came over TLS), and then named with the
 * `__Host-` prefix, which a browser accepts only host-only, Secure and at `/`: a sibling subdomain cannot
 * plant a cookie of that name at all.
 */
@Injectable()
export class WebCookies {
  private readonly secureOrigin: boolean;
  readonly session: string;
  readonly form: string;

  constructor(@Inject(HTTP_CONFIG) http: Pick<HttpConfig, 'publicUrl'>) {
    this.secureOrigin = http.publicUrl.startsWith('https:');
    const prefix = this.secureOrigin ? '__Host-' : '';
    this.session = `${prefix}${SESSION}`;
    this.form = `${prefix}${FORM}`;
  }

  sessionSecrets(request: Request): string[] {
    return readCookies(request, this.session);
  }

  formTokens(request: Request): string[] {
    return readCookies(request, this.form);
  }

  setSession(request: Request, response: Response, value: string): void {
    response.cookie(this.session, value, this.options(request));
  }

  setForm(request: Request, response: Response, value: string): void {
    response.cookie(this.form, value, this.options(request));
  }

  clearSession(request: Request, response: Response): void {
    response.clearCookie(this.session, this.options(request));
  }

  clearForm(request: Request, response: Response): void {
    response.clearCookie(this.form, this.options(request));
  }

  /** Another cookie of the web application's, named and set under the same rules (`__Host-` and Secure under https). */
  named(base: string): string {
    return `${this.secureOrigin ? '__Host-' : ''}${base}`;
  }

  set(request: Request, response: Response, name: string, value: string, maxAgeMs: number): void {
    response.cookie(name, value, { ...this.options(request), maxAge: maxAgeMs });
  }

  clear(request: Request, response: Response, name: string): void {
    response.clearCookie(name, this.options(request));
  }

  private options(request: Request): CookieOptions {
    return { httpOnly: true, sameSite: 'lax', secure: this.secureOrigin || request.secure, path: '/' };
  }
}

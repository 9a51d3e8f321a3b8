import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'ledger_session';
/** Before sign-in there is no session: the sign-in and enrollment forms use a double-submit token. */
export const FORM_COOKIE = 'ledger_form';

export function readCookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return decodeURIComponent(part.slice(index + 1).trim());
  }
  return undefined;
}

/** HttpOnly, SameSite=Strict, and Secure whenever the request came over TLS (directly or through a trusted proxy). */
export function setCookie(request: Request, response: Response, name: string, value: string): void {
  response.cookie(name, value, { httpOnly: true, sameSite: 'strict', secure: request.secure, path: '/' });
}

export function clearCookie(request: Request, response: Response, name: string): void {
  response.clearCookie(name, { httpOnly: true, sameSite: 'strict', secure: request.secure, path: '/' });
}

import type { HttpConfig } from '@ledger/ledger';
import type { ArgumentsHost } from '@nestjs/common';
import { ForbiddenException, NotFoundException } from '@nestjs/common';
import { EventStoreUnavailableError } from '@ledger/ledger';
import { PageRenderer } from './page.renderer.js';
import { WebErrorFilter } from './web-error.filter.js';
import type { WebRequest, WebSessionGuard } from './web-session.guard.js';
import type { WebSession } from './web-session.store.js';

/** What the filter wrote: status, headers and body, as Express would have sent them. */
function answer(exception: unknown, path = '/desk/29876543210987', sessions?: WebSessionGuard) {
  const sent = { status: 0, type: '', body: '', headers: {} as Record<string, string> };
  const response = {
    headersSent: false,
    status(code: number) {
      sent.status = code;
      return this;
    },
    type(value: string) {
      sent.type = value;
      return this;
    },
    setHeader(name: string, value: string) {
      sent.headers[name] = value;
      return this;
    },
    send(body: string) {
      sent.body = body;
      return this;
    },
  };
  const request = { path, headers: {} };
  const host = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }) } as unknown as ArgumentsHost;
  const filter = new WebErrorFilter(new PageRenderer({ timeZone: 'UTC' } as HttpConfig), sessions);
  (filter as unknown as { logger: { error: () => void } }).logger = { error: () => undefined };
  filter.catch(exception, host);
  return sent;
}

describe('error pages on the web', () => {
  it('an unexpected error is a calm 500 page with a link home, without the message or the stack', () => {
    const error = new Error('SQLITE_CORRUPT: database disk image is malformed at /var/lib/ledger/events.db');
    const sent = answer(error);
    expect(sent.status).toBe(500);
    expect(sent.type).toBe('html');
    expect(sent.body).toContain('<h1>Sorry, something went wrong</h1>');
    expect(sent.body).toContain('<a href="/">Go to your home page</a>');
    expect(sent.body).not.toMatch(/SQLITE|events\.db|at \w+ \(|\.ts:\d+/);
  });

  it('the store away (no leader elected, unreachable) is a 503 page with Retry-After, never a 500', () => {
    const sent = answer(new EventStoreUnavailableError('no leader'));
    expect(sent.status).toBe(503);
    expect(Number(sent.headers['Retry-After'])).toBeGreaterThan(0);
    expect(sent.body).toContain('<h1>The ledger is not recording</h1>');
    expect(sent.body).toContain('Nothing was recorded by this page');
  });

  it('a 403 says so in words; a 404 never repeats the address that was asked for', () => {
    expect(answer(new ForbiddenException('Your role does not give you access to this page.')).body).toContain('<h1>You cannot see this page</h1>');
    const missing = answer(new NotFoundException('Cannot GET /desk/29876543210987'));
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('<h1>Page not found</h1>');
    expect(missing.body).not.toContain('29876543210987');
  });

  it('a 404 at an address no page matched shows the signed-in user’s navigation, and none to a visitor', () => {
    const signedInAs = (role: 'director' | null) =>
      ({
        identify(request: WebRequest) {
          if (role) request.webSession = { userId: 'u-1', name: 'Dana Director', role, csrfToken: 'token', signIn: { pending: null, signedInAt: 0, returnTo: null, challenge: null, recoveryCodesToShow: null } } as unknown as WebSession;
          return { cookie: role !== null };
        },
      }) as unknown as WebSessionGuard;
    const director = answer(new NotFoundException('Cannot GET /nowhere'), '/nowhere', signedInAs('director'));
    expect(director.status).toBe(404);
    expect(director.body).toContain('<nav class="wrap site-nav" aria-label="Main">');
    expect(director.body).toContain('<a href="/board">Case board</a>');
    expect(director.body).toContain('Sign out');
    const visitor = answer(new NotFoundException('Cannot GET /nowhere'), '/nowhere', signedInAs(null));
    expect(visitor.status).toBe(404);
    expect(visitor.body).not.toContain('<nav');
    expect(visitor.body).not.toContain('Sign out');
  });
});

import { applyDecorators, type CanActivate, type ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { HOME } from '../shared/page.renderer.js';
import { SignInRequired } from '../shared/web-errors.js';
import type { WebRequest } from '../shared/web-session.guard.js';
import { SignInCompletion } from './sign-in-completion.js';
import { localPath } from './sign-in-progress.js';

const FRESH_SIGN_IN = 'ledger:freshSignIn';
type Applies = (request: WebRequest) => boolean;

/**
 * Where a session whose last sign-in is older than 15 minutes signs in again first: a production, an
 * export, a change of users. `applies` narrows it to some requests of the route (the case page's
 * `produce` form among its actions). The user comes back to the page they were on.
 */
export const FreshSignIn = (applies: Applies = () => true) => applyDecorators(SetMetadata(FRESH_SIGN_IN, applies), UseGuards(FreshSignInGuard));

@Injectable()
export class FreshSignInGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly completion: SignInCompletion,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<WebRequest>();
    const applies = this.reflector.get<Applies | undefined>(FRESH_SIGN_IN, context.getHandler());
    if (!request.webSession || !applies?.(request) || this.completion.isFresh(request)) return true;
    throw new SignInRequired(false, `/sign-in/again?return=${encodeURIComponent(returnPath(request))}`);
  }
}

/** A page (GET) comes back to itself; a form comes back to the page it was posted from, as the browser said. */
function returnPath(request: WebRequest): string {
  if (request.method === 'GET') return localPath(request.originalUrl) ?? HOME[request.webSession!.role];
  return refererPath(request) ?? HOME[request.webSession!.role];
}

/** The page a form was posted from, when the browser said and it is this site's. */
function refererPath(request: WebRequest): string | null {
  const referer = request.headers.referer;
  if (!referer || !URL.canParse(referer)) return null;
  const url = new URL(referer);
  return url.host === request.headers.host ? localPath(`${url.pathname}${url.search}`) : null;
}

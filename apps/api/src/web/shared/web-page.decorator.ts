import { applyDecorators, SetMetadata, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { WebErrorFilter } from './web-error.filter.js';
import { WebSessionGuard } from './web-session.guard.js';

/** Marks a controller as a web page: the bearer guard leaves it to the session guard. */
export const WEB_SESSION = 'ledger:webSession';
/** A web page anyone may open (sign-in, enrollment, assets). */
export const WEB_PUBLIC = 'ledger:webPublic';

/**
 * A controller of the web application: signed in by session cookie (roles from `@Roles`, as the API's),
 * CSRF-checked on every unsafe method, errors as friendly HTML pages, and outside the OpenAPI document.
 */
export const WebPages = () => applyDecorators(SetMetadata(WEB_SESSION, true), UseGuards(WebSessionGuard), UseFilters(WebErrorFilter), ApiExcludeController());

/** On a handler of a `@WebPages()` controller: no session needed. */
export const PublicPage = () => SetMetadata(WEB_PUBLIC, true);

import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject, Logger, Optional } from '@nestjs/common';
import type { Response } from 'express';
import { citedUnder, DomainError } from '@ledger/domain';
import { type LedgerConfig, LedgerIntegrityError } from '@ledger/ledger';
import { LEDGER_CONFIG } from '../../infrastructure/tokens.js';
import { TooManyFailedAuthentications } from '../../auth/failed-authentication.limiter.js';
import { bodyParserStatus } from '../../http/body-parser-error.js';
import { PageRenderer, pageOf } from './page.renderer.js';
import { FilterNotUnderstood, SignInRequired } from './web-errors.js';
import { type WebRequest, WebSessionGuard } from './web-session.guard.js';
import { isStoreAway, STORE_RETRY_AFTER_SECONDS } from '../../http/store-away.js';

const DOMAIN_STATUS = { policy: 422, forbidden: 403, state: 409, not_found: 404, invalid: 400 } as const;

const HEADINGS: Record<number, string> = {
  400: 'Something in the request was not right',
  403: 'You cannot see this page',
  404: 'Page not found',
  409: 'This cannot be done now',
  412: 'The case has changed',
  413: 'The form is too large',
  422: 'The policy does not allow this',
  429: 'Too many attempts',
  500: 'Sorry, something went wrong',
  503: 'The ledger is not recording',
};

export interface ErrorPageModel {
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly rule: string | undefined;
  readonly citation: string | undefined;
  /** A listing's filter that is not a value: the field the error summary links to, in the listing's results region. */
  readonly filterField?: string;
  /**
   * Where that link goes: the field itself under htmx, which swaps this region into the listing; without
   * JavaScript this is a page of its own, so the listing's address (no filters, which name no patron anyway) and the field.
   */
  readonly filterHref?: string;
}
const ERROR_PAGE = pageOf<ErrorPageModel>('/shared/error');

/**
 * Errors on web pages become calm HTML pages with the rule and policy section where there is one, never
 * a stack trace; the API keeps answering `application/problem+json` through its own filter.
 */
@Catch()
export class WebErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Web');

  /** `sessions`: an address no page matched ran no guard; the page still shows who is signed in and their navigation. */
  constructor(
    private readonly pages: PageRenderer,
    @Optional() private readonly sessions?: WebSessionGuard,
    @Optional() @Inject(LEDGER_CONFIG) private readonly config?: LedgerConfig,
  ) {}

  catch(thrown: unknown, host: ArgumentsHost): void {
    // A refusal thrown outside the pipeline (a query's SEALED) is worded and cited under the ledger's jurisdiction too.
    const exception = this.config ? citedUnder(thrown, this.config.jurisdiction) : thrown;
    const request = host.switchToHttp().getRequest<WebRequest>();
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    if (exception instanceof SignInRequired) {
      const target = exception.step ?? `/sign-in${exception.expired ? '?expired=1' : ''}`;
      if (request.headers['hx-request']) {
        response.status(204).setHeader('HX-Redirect', target).end();
      } else {
        response.redirect(303, target);
      }
      return;
    }
    if (!request.webSession) this.sessions?.identify(request);
    const { status, detail, rule, citation } = describe(exception);
    const filterField = exception instanceof FilterNotUnderstood ? exception.field : undefined;
    if (status >= 500) {
      this.logger.error(`Unhandled error on a web page: ${exception instanceof Error ? `${exception.name}: ${exception.message}` : 'unknown'}`, exception instanceof Error ? exception.stack : undefined);
    }
    if (exception instanceof TooManyFailedAuthentications) response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    if (status === 503 && isStoreAway(exception)) response.setHeader('Retry-After', String(STORE_RETRY_AFTER_SECONDS));
    const filterHref = filterField && (request.headers['hx-request'] ? `#${filterField}` : `${request.path}#${filterField}`);
    this.pages.send(response, request, ERROR_PAGE, { title: HEADINGS[status] ?? HEADINGS[400], status, detail, rule, citation, ...(filterField && { filterField, filterHref }) }, status);
  }
}

function describe(exception: unknown): { status: number; detail: string; rule?: string; citation?: string } {
  if (exception instanceof DomainError) {
    return { status: DOMAIN_STATUS[exception.kind], detail: exception.message, ...(exception.rule && { rule: exception.rule }), ...(exception.citation && { citation: exception.citation }) };
  }
  if (exception instanceof LedgerIntegrityError) {
    return { status: 503, detail: 'The ledger’s integrity alarm is raised: it records nothing, and so shows no case data, until the administrator has looked into it. Nothing was recorded by this page.', rule: 'LEDGER-INTEGRITY' };
  }
  const parserStatus = bodyParserStatus(exception instanceof HttpException ? exception.cause : exception);
  if (parserStatus) return { status: parserStatus, detail: parserStatus === 413 ? 'The form is larger than the server accepts. Shorten what you typed and try again.' : 'The form could not be read. Go back and try again.' };
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === 404) return { status, detail: 'There is nothing at this address. Check the link, or go back to your home page.' };
    if (exception instanceof FilterNotUnderstood) return { status, detail: exception.message };
    if (status === 400) return { status, detail: 'The address or form had values this page does not accept. Go back and try again.' };
    return { status, detail: exception.message };
  }
  if (isStoreAway(exception)) {
    return { status: 503, detail: 'The ledger cannot reach its records just now. Nothing was recorded by this page. Wait a few seconds and try again.' };
  }
  return { status: 500, detail: 'The ledger could not complete this. Nothing was recorded by this page. Try again, and tell the administrator if it happens again.' };
}

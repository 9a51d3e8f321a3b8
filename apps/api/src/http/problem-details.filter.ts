import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Inject, Logger, Optional } from '@nestjs/common';
import type { Request, Response } from 'express';
import { citedUnder, DomainError } from '@ledger/domain';
import type { LedgerConfig } from '@ledger/ledger';
import { LEDGER_CONFIG } from '../infrastructure/tokens.js';
import {
  AppendOutcomeUnknownError,
  LedgerIntegrityError,
  LogRangeError,
  NothingToRecordError,
  PatronShreddedError,
  PreconditionFailedError,
  WriteConflictError,
  WrongExpectedVersionError,
} from '@ledger/ledger';
import { isStoreAway, STORE_RETRY_AFTER_SECONDS } from './store-away.js';
import { TooManyFailedAuthentications } from '../auth/failed-authentication.limiter.js';
import { PROBLEM_CONTENT_TYPE, PROBLEM_RULE_LOCAL, type ProblemDetails, problemType } from './problem-details.js';
import { ReplayedAnswer } from './idempotency.interceptor.js';
import { RequestValidationError } from './validation.js';
import { bodyParserStatus } from './body-parser-error.js';
import { WebErrorFilter } from '../web/shared/web-error.filter.js';
import { requestIdOf } from '../logging/request-log.js';

/** The API's addresses: `/v1/…` and `/health`. Everything else belongs to the web application. */
export function isApiPath(path: string): boolean {
  return /^\/(v1|health)(\/|$)/.test(path);
}


const DOMAIN_STATUS = { policy: 422, forbidden: 403, state: 409, not_found: 404, invalid: 400 } as const;

/**
 * The one place where errors become HTTP answers: every error is `application/problem+json`,
 * and nothing from a request body (a patron reference, a token) is echoed or logged.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  /** Errors outside the API's addresses that no page's own filter caught (no such page, a form too large) become friendly pages. */
  constructor(
    @Optional() private readonly pages?: WebErrorFilter,
    @Optional() @Inject(LEDGER_CONFIG) private readonly config?: LedgerConfig,
  ) {}

  catch(thrown: unknown, host: ArgumentsHost): void {
    // A refusal thrown outside the pipeline (a query's SEALED) is worded and cited under the ledger's jurisdiction too.
    const exception = this.config ? citedUnder(thrown, this.config.jurisdiction) : thrown;
    if (this.pages && !isApiPath(host.switchToHttp().getRequest<Request>().path)) {
      this.pages.catch(exception, host);
      return;
    }
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof ReplayedAnswer) {
      if (!response.headersSent) response.status(exception.answer.status).type(exception.answer.contentType).setHeader('Idempotent-Replayed', 'true').send(exception.answer.body);
      return;
    }
    const problem = this.toProblem(exception);
    if (response.headersSent) return;
    if (exception instanceof TooManyFailedAuthentications) response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    if (isStoreAway(exception)) response.setHeader('Retry-After', String(STORE_RETRY_AFTER_SECONDS));
    if (problem.rule) response.locals[PROBLEM_RULE_LOCAL] = problem.rule;
    const requestId = requestIdOf(host.switchToHttp().getRequest<Request>());
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(requestId ? { ...problem, requestId } : problem));
  }

  toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof DomainError && exception.kind === 'invalid') {
      // Invalid input is one class of error whoever noticed it (the DTO or the domain): one type, errors[].
      const field = 'field' in exception && typeof exception.field === 'string' ? exception.field : '(request)';
      return { type: problemType('validation'), title: TITLES[400], status: 400, detail: exception.message, errors: [{ field, messages: [exception.message] }] };
    }
    if (exception instanceof DomainError) {
      const status = DOMAIN_STATUS[exception.kind];
      return {
        type: problemType(exception.rule ? `rule/${exception.rule}` : exception.kind),
        title: TITLES[status] ?? 'Refused',
        status,
        detail: exception.message,
        ...(exception.rule ? { rule: exception.rule } : {}),
        ...(exception.citation ? { citation: exception.citation } : {}),
        ...('field' in exception && typeof exception.field === 'string'
          ? { errors: [{ field: exception.field, messages: [exception.message] }] }
          : {}),
      };
    }
    if (exception instanceof RequestValidationError) {
      return {
        type: problemType('validation'),
        title: TITLES[400],
        status: 400,
        detail: 'One or more fields are not valid',
        errors: exception.fieldErrors,
      };
    }
    if (exception instanceof PreconditionFailedError) {
      return { type: problemType('precondition-failed'), title: TITLES[412], status: 412, detail: exception.message };
    }
    if (exception instanceof WrongExpectedVersionError || exception instanceof WriteConflictError) {
      return { type: problemType('write-conflict'), title: TITLES[409], status: 409, detail: 'The record changed while this command ran; read it again and retry' };
    }
    if (exception instanceof NothingToRecordError) {
      return { type: problemType('nothing-to-record'), title: TITLES[409], status: 409, detail: exception.message, rule: 'CASE-STATE' };
    }
    if (exception instanceof LedgerIntegrityError) {
      return {
        type: problemType('rule/LEDGER-INTEGRITY'),
        title: 'Ledger integrity alarm',
        status: 503,
        detail: `${exception.message}. Nothing is recorded until the ledger's integrity is restored (see GET /health).`,
        rule: 'LEDGER-INTEGRITY',
      };
    }
    if (exception instanceof AppendOutcomeUnknownError) {
      return {
        type: problemType('store-unavailable'),
        title: TITLES[503],
        status: 503,
        detail:
          'The event store did not confirm whether this was recorded. Send the same request again with the same Idempotency-Key: it is answered from what was recorded, and never recorded twice',
      };
    }
    if (isStoreAway(exception)) {
      return { type: problemType('store-unavailable'), title: TITLES[503], status: 503, detail: 'The event store cannot be reached just now; retry shortly' };
    }
    if (exception instanceof LogRangeError) {
      return { type: problemType('log-range'), title: TITLES[404], status: 404, detail: exception.message };
    }
    if (exception instanceof PatronShreddedError) {
      return { type: problemType('patron-shredded'), title: 'Patron identity destroyed', status: 409, detail: exception.message, rule: 'PATRON-SHREDDED' };
    }
    // Express's body parser: its messages can quote the body (and so a patron reference); answer generically.
    const parserStatus = bodyParserStatus(exception instanceof HttpException ? exception.cause : exception);
    if (parserStatus) {
      return {
        type: problemType(parserStatus === 413 ? 'body-too-large' : 'malformed-body'),
        title: TITLES[parserStatus] ?? 'Bad request',
        status: parserStatus,
        detail: parserStatus === 413 ? 'The request body is larger than the server accepts' : 'The request body is not valid JSON',
        ...(parserStatus === 400 ? { errors: [{ field: 'body', messages: ['The request body is not valid JSON'] }] } : {}),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const extra = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
      const given = typeof body === 'string' ? body : typeof extra.message === 'string' ? extra.message : exception.message;
      // The router's own 404 quotes the path, and a path can hold a card number typed where an id goes.
      const detail = status === 404 && /^Cannot [A-Z]+ /.test(given) ? 'There is nothing at this address' : given;
      // Every 400 is the validation class, with errors[], whichever part of the framework refused the request.
      if (status === 400) return { type: problemType('validation'), title: TITLES[400], status, detail, errors: [{ field: '(request)', messages: [detail] }] };
      return {
        type: problemType(`http-${status}`),
        title: TITLES[status] ?? exception.name,
        status,
        detail,
        ...(typeof extra.rule === 'string' ? { rule: extra.rule } : {}),
        ...(typeof extra.citation === 'string' ? { citation: extra.citation } : {}),
        ...(Array.isArray(extra.errors) ? { errors: extra.errors as ProblemDetails['errors'] } : {}),
      };
    }
    this.logger.error(`Unhandled error: ${exception instanceof Error ? `${exception.name}: ${exception.message}` : 'unknown'}`, exception instanceof Error ? exception.stack : undefined);
    return { type: problemType('internal'), title: TITLES[500], status: HttpStatus.INTERNAL_SERVER_ERROR, detail: 'The server could not complete the request' };
  }
}


const TITLES: Record<number, string> = {
  400: 'Invalid request',
  401: 'Not authenticated',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Request too large',
  415: 'Unsupported media type',
  422: 'Refused by policy',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { PROBLEM_RULE_LOCAL } from '../http/problem-details.js';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * An `X-Request-Id` a client or proxy sent is kept when it is a plain token (letters, digits, `-_.:`, up
 * to 64), so a request can be followed across the proxy's and the ledger's logs; anything else is
 * replaced by a fresh UUID, so a log line never carries what a client chose to put there.
 */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function requestIdOf(request: IncomingMessage): string {
  return (request as IncomingMessage & { id?: string }).id ?? '';
}

/** Before everything else: gives each request its id (`req.id`) and echoes it in `X-Request-Id` on the answer. */
export const assignRequestId: RequestHandler = (request: Request, response: Response, next: NextFunction) => {
  const given = request.headers['x-request-id'];
  const id = typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
  (request as Request & { id: string }).id = id;
  response.setHeader(REQUEST_ID_HEADER, id);
  next();
};

/** The route pattern (`/v1/cases/:caseId`) once routing matched it, never the path: a path can carry an id, a link's secret or anything a client typed. */
function routeOf(request: IncomingMessage): string | null {
  return ((request as Request).route as { path?: string } | undefined)?.path ?? null;
}

function requestLine(request: IncomingMessage, response: ServerResponse, ms: number) {
  const rule: unknown = (response as Response).locals?.[PROBLEM_RULE_LOCAL];
  return {
    method: request.method,
    route: routeOf(request),
    status: response.statusCode,
    ms,
    ...(typeof rule === 'string' ? { rule } : {}),
  };
}

/**
 * One JSON line per answered request (pino-http): `reqId` (bound by pino-http), `method`, `route` (the pattern, null when no
 * route matched), `status`, `ms` (latency) and, on a refusal, the policy `rule`. Nothing else of the
 * request: no path, query, header or body, so no patron reference, token, cookie, password or link.
 */
export function requestLog(logger: Logger): RequestHandler {
  const log = pinoHttp({
    logger,
    genReqId: (request) => requestIdOf(request) || randomUUID(),
    quietReqLogger: true,
    quietResLogger: true,
    customAttributeKeys: { reqId: 'reqId', responseTime: 'ms' },
    customLogLevel: (_request, response, error) => (error || response.statusCode >= 500 ? 'error' : 'info'),
    customSuccessObject: (request, response, value: { ms: number }) => requestLine(request, response, value.ms),
    customErrorObject: (request, response, _error, value: { ms: number }) => requestLine(request, response, value.ms),
    customSuccessMessage: (request, response) => `${request.method} ${routeOf(request) ?? '(no route)'} ${response.statusCode}`,
    customErrorMessage: (request, response) => `${request.method} ${routeOf(request) ?? '(no route)'} ${response.statusCode}`,
  });
  return (request, response, next) => log(request, response, next);
}

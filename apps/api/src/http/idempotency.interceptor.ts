import { type CallHandler, type ExecutionContext, Inject, Injectable, Logger, type NestInterceptor } from '@nestjs/common';
import { type IdempotencyClaim, type IdempotencyKeys, type IdempotentAnswer, runAsRepeatableRequest } from '@ledger/ledger';
import type { Request, Response } from 'express';
import { from, mergeMap, Observable } from 'rxjs';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { type Clock, CLOCK, IDEMPOTENCY_KEYS } from '../infrastructure/tokens.js';
import { RequestValidationError } from './validation.js';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** Printable ASCII, 1–255 characters: a UUID fits; so does any client's own scheme. */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Tries to release a key whose request failed while the store was away: about five minutes in all. */
const RELEASE_ATTEMPTS = 14;

/** The first answer to a request, given again to its retry (written by the exception filter, the one place answers are made). */
export class ReplayedAnswer extends Error {
  override readonly name = 'ReplayedAnswer';
  constructor(readonly answer: IdempotentAnswer) {
    super('Replayed answer');
  }
}

/**
 * `Idempotency-Key` on every write a signed-in user makes: the first request with a key runs and its answer
 * is recorded before it is sent; a retry with the same key and request gets that answer again and runs
 * nothing. Runs after the bearer guard (the key belongs to a principal) and before validation (a refused
 * request is answered, and replayed, like any other).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('HTTP');

  constructor(
    @Inject(IDEMPOTENCY_KEYS) private readonly keys: IdempotencyKeys,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & { user?: AuthenticatedUser }>();
    const response = context.switchToHttp().getResponse<Response>();
    const key = request.header(IDEMPOTENCY_KEY_HEADER);
    if (key === undefined || !WRITES.has(request.method) || !request.user) return next.handle();
    if (!KEY_PATTERN.test(key)) {
      throw new RequestValidationError([{ field: IDEMPOTENCY_KEY_HEADER, messages: ['Idempotency-Key must be 1 to 255 printable ASCII characters, such as a UUID'] }]);
    }
    const actor = { userId: request.user.userId, role: request.user.role };
    return from(this.keys.begin({ actor, key, method: request.method, path: request.originalUrl, body: request.body }, this.now())).pipe(
      mergeMap((outcome) => {
        if (outcome.kind === 'replay') throw new ReplayedAnswer(outcome.answer);
        this.recordBeforeSending(response, outcome.claim);
        // Subscribed inside the scope, so the handler (and every command it runs) is in it.
        return new Observable<unknown>((subscriber) => runAsRepeatableRequest(outcome.claim.commandId, () => next.handle().subscribe(subscriber), outcome.claim.secretSeed));
      }),
    );
  }

  /** Holds the answer back until it is recorded: a retry that arrives once the client has it must find it. */
  private recordBeforeSending(response: Response, claim: IdempotencyClaim): void {
    const send = response.send.bind(response);
    response.send = (body?: unknown) => {
      response.send = send;
      const status = response.statusCode;
      const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : JSON.stringify(body ?? null);
      const contentType = String(response.getHeader('content-type') ?? 'application/json');
      // A server-side failure is not an answer to keep: the client may retry, and the retry runs the request
      // again; a command whose append did go through is recognised by its events, not written twice.
      const settled = status >= 500 ? this.keys.abandon(claim, this.now()) : this.keys.finish(claim, { status, contentType, body: text }, this.now());
      settled
        .catch((error: unknown) => {
          this.logger.warn(`Could not record the answer to an Idempotency-Key: ${error instanceof Error ? error.message : 'unknown error'}`);
          // The store is away: release the key once it is back, or the retry would wait for the ten-minute cut-off.
          if (status >= 500) this.releaseLater(claim);
        })
        .finally(() => send(body));
      return response;
    };
  }

  private releaseLater(claim: IdempotencyClaim, attempt = 1): void {
    if (attempt > RELEASE_ATTEMPTS) return;
    const timer = setTimeout(() => {
      this.keys.abandon(claim, this.now()).catch(() => this.releaseLater(claim, attempt + 1));
    }, Math.min(30_000, 500 * 2 ** (attempt - 1)));
    timer.unref();
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  Inject,
  Injectable,
  type NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, type AccessAction, type RecordAccessedData } from '@ledger/domain';
import { type Observable, catchError, from, mergeMap, throwError } from 'rxjs';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { AccessRecorder } from '../infrastructure/access-recorder.service.js';
import { queryDtoOf, recordableCaseId, recordableQuery } from './recordable-request.js';
import { type Clock, CLOCK } from '../infrastructure/tokens.js';

export const RECORD_ACCESS = 'ledger:recordAccess';

export interface RecordAccessOptions {
  readonly action: AccessAction;
  /** Route parameter holding the case id, for case reads and exports. */
  readonly caseIdParam?: string;
  /**
   * The DTO the handler validates its query with, when it does not take it as `@Query() dto: Dto`
   * (a web page reads its filters from the raw query): the same names and values are recorded as the API's.
   */
  readonly queryDto?: new () => object;
}

const HELD_ANSWERS = Symbol('heldAnswers');
type HoldingRequest = { [HELD_ANSWERS]?: (() => void)[] };

/**
 * For a handler that writes its answer itself (`@Res()`, as the web pages do): on a route whose reads
 * are recorded, the answer waits until its access record is durable, as the API's answers do, and is
 * never sent if the record cannot be written; elsewhere it is sent at once. Set the status before.
 */
export function sendAfterAccessRecorded(request: object, send: () => void): void {
  const held = (request as HoldingRequest)[HELD_ANSWERS];
  if (held) held.push(send);
  else send();
}

/** Every read of case data, export and audit query through this route appends a RecordAccessed event. */
export const RecordAccess = (options: RecordAccessOptions) => SetMetadata(RECORD_ACCESS, options);

const DOMAIN_STATUS: Record<DomainError['kind'], number> = { policy: 422, forbidden: 403, state: 409, not_found: 404, invalid: 400 };

/**
 * Records who read what, after the guard has said who the reader is: an answered read is sent only
 * once its record is durable; a refused one (403 sealed, 404) is recorded as denied.
 */
@Injectable()
export class RecordAccessInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly recorder: AccessRecorder,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const options = this.reflector.get<RecordAccessOptions | undefined>(RECORD_ACCESS, context.getHandler());
    if (!options) return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<{ user?: AuthenticatedUser; params: Record<string, string>; query: Record<string, unknown> }>();
    const response = http.getResponse<{ statusCode: number }>();
    const user = request.user;
    if (!user) return next.handle();
    // Only what the server validated and recognised: a refused request is recorded too, and its values are the client's.
    const caseId = recordableCaseId(options.caseIdParam ? request.params[options.caseIdParam] : undefined);
    const query = recordableQuery(options.queryDto ?? queryDtoOf(context.getClass().prototype, context.getHandler().name), request.query);
    const format = query.format;
    const entry = (outcome: RecordAccessedData['outcome'], status: number): RecordAccessedData => {
      return {
        userId: user.userId,
        role: user.role,
        action: options.action,
        ...(caseId !== undefined ? { caseId } : {}),
        ...(Object.keys(query).length ? { query } : {}),
        ...(options.action === 'case_export' && format !== undefined ? { format } : {}),
        outcome,
        status,
        occurredAt: this.clock.now().toISOString(),
      };
    };
    const held: (() => void)[] = [];
    (request as HoldingRequest)[HELD_ANSWERS] = held;
    return next.handle().pipe(
      mergeMap((body) =>
        from(
          this.recorder.record(entry('allowed', response.statusCode)).then(() => {
            delete (request as HoldingRequest)[HELD_ANSWERS];
            for (const send of held.splice(0)) send();
            return body;
          }),
        ),
      ),
      catchError((error: unknown) => {
        // Nothing held is sent: the error's own answer (a problem, an error page) goes instead.
        held.length = 0;
        delete (request as HoldingRequest)[HELD_ANSWERS];
        return from(this.recorder.record(entry('denied', statusOf(error))).catch(() => undefined)).pipe(mergeMap(() => throwError(() => error)));
      }),
    );
  }
}

function statusOf(error: unknown): number {
  if (error instanceof HttpException) return error.getStatus();
  if (error instanceof DomainError) return DOMAIN_STATUS[error.kind];
  return 500;
}

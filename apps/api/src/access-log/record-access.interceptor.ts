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
import { type Clock, CLOCK } from '../infrastructure/tokens.js';

export const RECORD_ACCESS = 'ledger:recordAccess';

export interface RecordAccessOptions {
  readonly action: AccessAction;
  /** Route parameter holding the case id, for case reads and exports. */
  readonly caseIdParam?: string;
}

/** Every read of case data, export and audit query through this route appends a RecordAccessed event. */
export const RecordAccess = (options: RecordAccessOptions) => SetMetadata(RECORD_ACCESS, options);

const MAX_QUERY_KEYS = 20;
const MAX_QUERY_VALUE = 200;

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
    const entry = (outcome: RecordAccessedData['outcome'], status: number): RecordAccessedData => {
      const caseId = options.caseIdParam ? request.params[options.caseIdParam] : undefined;
      const query = sanitisedQuery(request.query);
      const format = typeof request.query.format === 'string' ? request.query.format.slice(0, 10) : undefined;
      return {
        userId: user.userId,
        role: user.role,
        action: options.action,
        ...(caseId ? { caseId: caseId.slice(0, 200) } : {}),
        ...(Object.keys(query).length ? { query } : {}),
        ...(options.action === 'case_export' && format ? { format } : {}),
        outcome,
        status,
        occurredAt: this.clock.now().toISOString(),
      };
    };
    return next.handle().pipe(
      mergeMap((body) => from(this.recorder.record(entry('allowed', response.statusCode)).then(() => body))),
      catchError((error: unknown) =>
        from(this.recorder.record(entry('denied', statusOf(error))).catch(() => undefined)).pipe(mergeMap(() => throwError(() => error))),
      ),
    );
  }
}

function statusOf(error: unknown): number {
  if (error instanceof HttpException) return error.getStatus();
  if (error instanceof DomainError) return DOMAIN_STATUS[error.kind];
  return 500;
}

function sanitisedQuery(query: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query).slice(0, MAX_QUERY_KEYS)) {
    if (typeof value === 'string') out[key.slice(0, 50)] = value.slice(0, MAX_QUERY_VALUE);
  }
  return out;
}

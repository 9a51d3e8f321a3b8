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
  /**
   * For a page that takes forms: the route parameter naming the form posted, recorded as `query.form`
   * when `isForm` knows it, so the access log can say what was done ("posted a release decision").
   */
  readonly formParam?: { readonly name: string; readonly isForm: (value: string) => boolean };
  /** For a query asked in a POST body (a search): what of the body is recorded, as `query` (never a patron reference). */
  readonly recordBody?: (body: unknown) => Record<string, string>;
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
    const request = http.getRequest<RecordableRequest>();
    const response = http.getResponse<{ statusCode: number }>();
    const user = request.user;
    if (!user) return next.handle();
    const entry = (outcome: RecordAccessedData['outcome'], status: number) => accessEntry(context, options, user, outcome, status, this.clock.now());
    const held: (() => void)[] = [];
    (request as HoldingRequest)[HELD_ANSWERS] = held;
    return next.handle().pipe(
      mergeMap((body: unknown) =>
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

type RecordableRequest = { user?: AuthenticatedUser; params: Record<string, string>; query: Record<string, unknown>; body?: unknown };

/** Who read (or was refused) what: only what the server validated and recognised, since a refused request's values are the client's. */
function accessEntry(
  context: ExecutionContext,
  options: RecordAccessOptions,
  user: Pick<AuthenticatedUser, 'userId' | 'role'>,
  outcome: RecordAccessedData['outcome'],
  status: number,
  now: Date,
): RecordAccessedData {
  const request = context.switchToHttp().getRequest<RecordableRequest>();
  const caseId = recordableCaseId(options.caseIdParam ? request.params[options.caseIdParam] : undefined);
  const form = options.formParam && (request.params[options.formParam.name] as string | undefined);
  const query: Record<string, string> = {
    ...recordableQuery(options.queryDto ?? queryDtoOf(context.getClass().prototype as object, context.getHandler().name), request.query),
    ...(form && options.formParam.isForm(form) ? { form } : {}),
    ...options.recordBody?.(request.body),
  };
  const format = query.format;
  return {
    userId: user.userId,
    role: user.role,
    action: options.action,
    ...(caseId !== undefined ? { caseId } : {}),
    ...(Object.keys(query).length ? { query } : {}),
    ...(options.action === 'case_export' && format !== undefined ? { format } : {}),
    outcome,
    status,
    occurredAt: now.toISOString(),
  };
}

/**
 * A guard refused a recorded route to the caller's role (the admin reading a case, staff the register):
 * no interceptor runs after a guard says no, so the guard records the refusal itself, durably, before
 * it answers. Every refused read of a case is in the access log, whoever was refused.
 */
export async function recordRoleRefusal(
  reflector: Reflector,
  recorder: AccessRecorder,
  now: Date,
  context: ExecutionContext,
  user: Pick<AuthenticatedUser, 'userId' | 'role'>,
): Promise<void> {
  const options = reflector.get<RecordAccessOptions | undefined>(RECORD_ACCESS, context.getHandler());
  if (!options) return;
  await recorder.record(accessEntry(context, options, user, 'denied', 403, now));
}

function statusOf(error: unknown): number {
  if (error instanceof HttpException) return error.getStatus();
  if (error instanceof DomainError) return DOMAIN_STATUS[error.kind];
  return 500;
}

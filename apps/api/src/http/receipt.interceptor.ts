import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import { collectAppendedEvents, type HttpConfig, LEDGER_LOG, type LedgerLog } from '@ledger/ledger';
import type { Request, Response } from 'express';
import { from, mergeMap, Observable } from 'rxjs';
import { HTTP_CONFIG } from '../infrastructure/tokens.js';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** How long a write waits for a signed checkpoint over its events before it answers with the link instead (the log signs about 200 ms after a burst). */
const RECEIPT_WAIT_MS = 2000;

/** Whether a `Prefer` header (RFC 7240: comma-separated preferences, each `token[=value][; params]`) asks for `receipt`. */
export function prefersReceipt(prefer: string | undefined): boolean {
  return (prefer ?? '').split(',').some((preference) => preference.split(/[=;]/)[0].trim().toLowerCase() === 'receipt');
}

/**
 * `Prefer: receipt` on a write of the API: the answer carries, as `receipt`, the signed checkpoint
 * and the inclusion proof of every event the write appended — or, when no signed checkpoint covers
 * them within RECEIPT_WAIT_MS, only the `Link: <…>; rel="receipt"` that gives it once one does
 * (the link is always sent). `Preference-Applied: receipt` says it was honoured. A write that
 * appended nothing (or failed) answers as without the preference.
 */
@Injectable()
export class ReceiptInterceptor implements NestInterceptor {
  constructor(
    @Inject(LEDGER_LOG) private readonly log: LedgerLog,
    @Inject(HTTP_CONFIG) private readonly http: HttpConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    if (!WRITES.has(request.method) || !request.path.startsWith('/v1/') || !prefersReceipt(request.header('Prefer'))) return next.handle();
    const appended: string[] = [];
    // Subscribed inside the collector, so that every append the handler makes is noted.
    const handled = new Observable<unknown>((subscriber) => collectAppendedEvents(appended, () => next.handle().subscribe(subscriber)));
    return handled.pipe(mergeMap((body) => from(this.withReceipt(body, appended, context.switchToHttp().getResponse<Response>()))));
  }

  private async withReceipt(body: unknown, appended: readonly string[], response: Response): Promise<unknown> {
    if (appended.length === 0) return body;
    const ids = [...new Set(appended)];
    response.append('Link', `<${this.http.publicUrl}/v1/ledger/receipts?events=${ids.join(',')}>; rel="receipt"`);
    response.setHeader('Preference-Applied', 'receipt');
    const receipt = await this.log.awaitReceipt(ids, RECEIPT_WAIT_MS);
    if (!receipt || body === null || typeof body !== 'object' || Array.isArray(body) || Buffer.isBuffer(body)) return body;
    return { ...body, receipt };
  }
}

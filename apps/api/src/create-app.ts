import 'reflect-metadata';
import type { INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { DocumentBuilder, getSchemaPath, SwaggerModule } from '@nestjs/swagger';
import type { HttpConfig, LedgerConfig } from '@ledger/ledger';
import { AppModule } from './app.module.js';
import { GracefulShutdown } from './http/graceful-shutdown.js';
import { LedgerMetrics } from './metrics/ledger-metrics.js';
import { BEARER_SCHEME, documentAnswersOfEveryOperation, documentIdempotencyKey, documentNullables, documentReceipts } from './http/openapi.js';
import { ReceiptResponseDto } from './ledger-log/ledger-log.response.dto.js';
import type { Clock } from './infrastructure/tokens.js';
import { assignRequestId, requestLog } from './logging/request-log.js';
import { traceRequests, type Tracing } from './tracing/tracing.js';
import { webFormBodies, WEB_CONTENT_SECURITY_POLICY } from './web/shared/web-http.js';
import { WebCookies } from './web/shared/web-cookies.js';
import { WebSessionStore } from './web/shared/web-session.store.js';

const TRACING_SHUTDOWN = Symbol('TRACING_SHUTDOWN');

export interface CreateAppOptions {
  readonly config: LedgerConfig;
  readonly http: HttpConfig;
  readonly clock?: Clock;
  readonly logger?: LoggerService | false;
  /** Where the request lines go (one JSON line per answered request); none when absent. */
  readonly requestLog?: Logger;
  /** Started tracing (startTracing): a span per request, and the batch exported when the app shuts down. */
  readonly tracing?: Tracing;
  /** See LedgerInfrastructureOptions.viewsWorkerEntry. */
  readonly viewsWorkerEntry?: string;
}

/**
 * The whole HTTP application, as `main.ts` and the e2e tests both build it. `app.close()` drains
 * (`GracefulShutdown`) and then closes the stores; `main.ts` calls it on SIGTERM and SIGINT.
 */
function noStore(_request: Request, response: Response, next: NextFunction): void {
  response.setHeader('Cache-Control', 'no-store');
  next();
}

export async function createLedgerApp(options: CreateAppOptions): Promise<INestApplication> {
  const root = AppModule.forRoot({ config: options.config, http: options.http, clock: options.clock, viewsWorkerEntry: options.viewsWorkerEntry });
  const { tracing } = options;
  // Last of all on shutdown, after the stores close: the spans still batched are exported.
  const tracingShutdown = tracing ? [{ provide: TRACING_SHUTDOWN, useValue: { onApplicationShutdown: () => tracing.shutdown() } }] : [];
  const app = await NestFactory.create<NestExpressApplication>({ ...root, providers: [...(root.providers ?? []), ...tracingShutdown] }, {
    bodyParser: false,
    forceCloseConnections: true,
    logger: options.logger ?? ['log', 'warn', 'error'],
    // A refusal to start (a ledger kept under another jurisdiction) reaches the caller, which says what to run, instead of Nest exiting on its own.
    abortOnError: false,
  });
  if (tracing) app.use(traceRequests);
  app.use(assignRequestId);
  if (options.requestLog) app.use(requestLog(options.requestLog));
  app.use(helmet({ contentSecurityPolicy: { directives: WEB_CONTENT_SECURITY_POLICY } }));
  // Before any parser or route: counts the requests a shutdown waits for and refuses new ones while it drains.
  app.use(app.get(GracefulShutdown).gate);
  const metrics = app.get(LedgerMetrics);
  app.use(metrics.observe);
  if (options.http.metricsToken) app.use('/metrics', metrics.handler(options.http.metricsToken));
  app.disable('x-powered-by');
  // Answers carry case data and are never to be kept by a browser or a proxy (no-store), so Express's
  // hash of every body for a weak ETag buys nothing; the case answer sets its revision as ETag itself.
  app.set('etag', false);
  app.use('/v1', noStore);
  if (options.http.trustProxy) {
    const hops = Number(options.http.trustProxy);
    app.set('trust proxy', Number.isInteger(hops) ? hops : options.http.trustProxy);
  }
  app.useBodyParser('json', { limit: '64kb', strict: true });
  const [cookies, sessions] = [app.get(WebCookies), app.get(WebSessionStore)];
  app.use(webFormBodies((request) => cookies.sessionSecrets(request).some((secret) => sessions.isLive(secret))));
  // The OpenAPI document (no case data in it): served by Swagger straight on the HTTP adapter, outside the bearer guard.
  const openApi = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Disclosure Ledger API')
      .setDescription('Confidentiality of Library Records: requests, decisions and disclosures, recorded in a tamper-evident ledger. See docs/api.md.')
      .setVersion('1')
      .addServer(options.http.publicUrl, 'This ledger, where its users reach it (LEDGER_PUBLIC_URL)')
      .addBearerAuth({ ...BEARER_SCHEME }, 'bearer')
      .addSecurityRequirements('bearer')
      .build(),
  );
  documentIdempotencyKey(openApi);
  documentReceipts(openApi, getSchemaPath(ReceiptResponseDto));
  documentAnswersOfEveryOperation(openApi);
  documentNullables(openApi);
  SwaggerModule.setup('v1/docs', app, openApi, { ui: false, raw: ['json'], jsonDocumentUrl: 'v1/openapi.json' });
  return app;
}

import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * OpenTelemetry tracing, on only when `OTEL_EXPORTER_OTLP_ENDPOINT` is set: the SDK is then loaded and
 * started (spans batched to `<endpoint>/v1/traces` over OTLP/HTTP; the exporter reads the standard
 * `OTEL_*` settings, `OTEL_SERVICE_NAME` among them). Unset, nothing is loaded and every span the code
 * makes is the API's non-recording one. Metrics stay with Prometheus (`/metrics`), logs with pino.
 */
export interface Tracing {
  /** Exports what is still batched, then stops. */
  shutdown(): Promise<void>;
}

export async function startTracing(env: NodeJS.ProcessEnv): Promise<Tracing | null> {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim()) return null;
  const [{ NodeSDK }, { OTLPTraceExporter }] = await Promise.all([import('@opentelemetry/sdk-node'), import('@opentelemetry/exporter-trace-otlp-http')]);
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME?.trim() || 'disclosure-ledger',
    traceExporter: new OTLPTraceExporter(),
    // Spans are made by the ledger itself (HTTP request, command, its steps): no auto-instrumentation.
    instrumentations: [],
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}

const tracer = trace.getTracer('disclosure-ledger');

/**
 * Express middleware, first of all when tracing is on: a server span per request, named by the method
 * and the route pattern once routing has matched (`POST /v1/cases`), a child of the caller's span when
 * the request carries a W3C `traceparent`. Its attributes are the method, the route pattern and the
 * status: never the path, the query or a header, which could carry an id, a link's secret or a token.
 */
export const traceRequests: RequestHandler = (request: Request, response: Response, next: NextFunction) => {
  const parent = propagation.extract(context.active(), request.headers);
  const span = tracer.startSpan(`${request.method}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method } }, parent);
  const active = trace.setSpan(parent, span);
  response.once('finish', () => {
    const route = (request.route as { path?: string } | undefined)?.path;
    if (route) {
      span.updateName(`${request.method} ${route}`);
      span.setAttribute('http.route', route);
    }
    span.setAttribute('http.response.status_code', response.statusCode);
    if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  // The request's body arrives in later events: bound, its listeners (the body parser's) run in the span too.
  context.bind(active, request);
  context.bind(active, response);
  context.with(active, next);
};

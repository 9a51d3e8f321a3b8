import { type Attributes, context, createContextKey, type Span, SpanStatusCode, trace } from '@opentelemetry/api';

/**
 * OpenTelemetry spans for commands, through the API only: with no SDK registered (OTEL_EXPORTER_OTLP_ENDPOINT
 * unset, see apps/api/src/tracing) every span is the API's non-recording one and nothing is exported.
 *
 * A command is one span, `command <type>`, with a child span per step: `protect` (a patron reference
 * encrypted and blind-indexed), `load`, `decide` and `append`. Attributes name the command type, the
 * kind of stream and the outcome, never a stream's name (a patron's stream is named by a blind index), a
 * patron reference or a token.
 */
const tracer = trace.getTracer('disclosure-ledger');
const IN_COMMAND = createContextKey('disclosure-ledger.command-span');

export type CommandStep = 'protect' | 'load' | 'decide' | 'append';

/**
 * Runs `work` in the command's span. A command already in its span (opening a case protects the
 * reference, then runs the pipeline) is not wrapped again: its steps are children of that one span.
 */
export function inCommandSpan<T>(commandType: string, stream: string, work: () => Promise<T>): Promise<T> {
  if (context.active().getValue(IN_COMMAND)) return work();
  const attributes: Attributes = { 'ledger.command': commandType, 'ledger.stream.kind': stream.split('-')[0] };
  return tracer.startActiveSpan(`command ${commandType}`, { attributes }, (span) =>
    context.with(context.active().setValue(IN_COMMAND, true), () => settle(span, work, true)),
  );
}

/** Runs one step of a command in a child span of the command's. */
export function inStepSpan<T>(step: CommandStep, work: () => T): T {
  return tracer.startActiveSpan(step, (span) => settle(span, work, false));
}

function settle<T>(span: Span, work: () => T, isCommand: boolean): T {
  const fail = (error: unknown) => {
    const rule = (error as { rule?: unknown } | null)?.rule;
    // The error's class and rule id only: a message can quote what it refused.
    span.setAttributes({ 'ledger.outcome': 'refused', 'error.type': error instanceof Error ? error.name : typeof error, ...(typeof rule === 'string' && { 'ledger.rule': rule }) });
    span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
    throw error;
  };
  const succeed = (value: T) => {
    if (isCommand) span.setAttribute('ledger.outcome', 'recorded');
    span.end();
    return value;
  };
  let result: T;
  try {
    result = work();
  } catch (error) {
    return fail(error);
  }
  if (result instanceof Promise) return result.then(succeed, fail) as T;
  return succeed(result);
}

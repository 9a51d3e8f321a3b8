import { trace } from '@opentelemetry/api';
import { inCommandSpan, inStepSpan } from '@ledger/ledger';
import { startTracing } from './tracing.js';

describe('tracing when OTEL_EXPORTER_OTLP_ENDPOINT is unset', () => {
  it('starts nothing, and a command runs in spans that record nothing', async () => {
    expect(await startTracing({})).toBeNull();
    expect(await startTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: '  ' })).toBeNull();
    const recording = await inCommandSpan('OpenCase', 'case-1', async () => inStepSpan('decide', () => trace.getActiveSpan()?.isRecording() ?? false));
    expect(recording).toBe(false);
  });

  it('passes a step\'s error on, as the command would see it without tracing', async () => {
    await expect(inCommandSpan('OpenCase', 'case-1', async () => inStepSpan('decide', () => { throw new RangeError('refused'); }))).rejects.toThrow(RangeError);
  });
});

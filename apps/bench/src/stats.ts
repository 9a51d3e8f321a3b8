/** Pure helpers for the benchmark: no I/O, no clock. */

/** Nearest-rank percentile (p in 0..100) of a list of numbers; null when the list is empty. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, not ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** Rounds to `digits` decimals (the JSON should not carry 17 significant digits of noise). */
export function round(value: number, digits = 0): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** a / b rounded, or null when either is missing or b is zero. */
export function ratio(a: number | null | undefined, b: number | null | undefined, digits = 3): number | null {
  if (a == null || b == null || b === 0) return null;
  return round(a / b, digits);
}

/** One timed run of a phase that is measured more than once. */
export interface Trial {
  readonly events: number;
  readonly seconds: number;
}

/**
 * A figure measured in several trials: the median trial's time and rate, and every trial's rate in the
 * order run. One run on this machine can be a fifth slower than the next with nothing else running, so a
 * target is compared with the median, and the spread is shown, not hidden.
 */
export function medianOfTrials(trials: readonly Trial[]): { events: number; seconds: number; eventsPerSecond: number; trialsEventsPerSecond: number[] } {
  if (trials.length === 0) throw new RangeError('medianOfTrials needs at least one trial');
  const rates = trials.map((trial) => round(trial.events / trial.seconds));
  const median = percentile(rates, 50)!;
  const trial = trials[rates.indexOf(median)];
  return { events: trial.events, seconds: round(trial.seconds, 2), eventsPerSecond: median, trialsEventsPerSecond: rates };
}

/**
 * The write path against `/health`: by throughput (what #28 item 8 names), and by what a request costs
 * the request thread and the whole process (steadier on a shared machine, where throughput moves with
 * the neighbours).
 */
export function httpRatios(http: {
  readonly http_cases_per_s: number | null;
  readonly http_health_per_s: number | null;
  readonly http_health_thread_cpu_ms?: number | null;
  readonly http_cases_thread_cpu_ms?: number | null;
  readonly http_health_process_cpu_ms?: number | null;
  readonly http_cases_process_cpu_ms?: number | null;
}) {
  return {
    http_cases_to_health_ratio: ratio(http.http_cases_per_s, http.http_health_per_s),
    // What the ratio would be if the request thread were all that bound both: its CPU per /health over its CPU per case.
    http_cases_to_health_thread_cpu_ratio: ratio(http.http_health_thread_cpu_ms, http.http_cases_thread_cpu_ms),
    // The same for every thread of the server: what binds when two cores are shared.
    http_cases_to_health_process_cpu_ratio: ratio(http.http_health_process_cpu_ms, http.http_cases_process_cpu_ms),
  };
}

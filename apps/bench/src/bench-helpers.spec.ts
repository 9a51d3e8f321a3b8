import { httpRatios, medianOfTrials, percentile, ratio, round } from './stats.js';
import { niceCeiling, throughputSvg } from './svg.js';

describe('bench helpers', () => {
  it('percentile is nearest-rank over an unsorted list', () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 99)).toBe(10);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile([42], 99)).toBe(42);
    expect(percentile([], 50)).toBeNull();
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(values[0]).toBe(5); // the input is not sorted in place
  });

  it('ratio and round', () => {
    expect(ratio(3, 4)).toBe(0.75);
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(null, 4)).toBeNull();
    expect(round(1.23456, 2)).toBe(1.23);
  });

  it('httpRatios puts a case against /health by throughput, by the request thread\'s CPU and by the whole process\'s', () => {
    // Given a run where /health costs the process 0.2 ms a request and a case 0.8 ms
    const figures = { http_health_per_s: 8000, http_cases_per_s: 1700, http_health_thread_cpu_ms: 0.12, http_cases_thread_cpu_ms: 0.48, http_health_process_cpu_ms: 0.2, http_cases_process_cpu_ms: 0.8 };
    // Then each ratio is what a case gets of /health's rate
    expect(httpRatios(figures)).toEqual({ http_cases_to_health_ratio: 0.213, http_cases_to_health_thread_cpu_ratio: 0.25, http_cases_to_health_process_cpu_ratio: 0.25 });
    // And a figure the run could not take leaves its ratio null
    expect(httpRatios({ ...figures, http_cases_process_cpu_ms: null }).http_cases_to_health_process_cpu_ratio).toBeNull();
  });

  it('medianOfTrials reports the median trial and the rate of every trial in the order run', () => {
    // Given three trials of the same 1,000,000 events, the second the slowest
    const trials = [
      { events: 1_000_000, seconds: 20 },
      { events: 1_000_000, seconds: 25 },
      { events: 1_000_000, seconds: 16 },
    ];
    // When summarised
    const summary = medianOfTrials(trials);
    // Then the figure is the middle rate, with the time of that same trial, and no trial is left out
    expect(summary).toEqual({ events: 1_000_000, seconds: 20, eventsPerSecond: 50_000, trialsEventsPerSecond: [50_000, 40_000, 62_500] });
    expect(medianOfTrials([{ events: 10, seconds: 4 }])).toEqual({ events: 10, seconds: 4, eventsPerSecond: 3, trialsEventsPerSecond: [3] });
    expect(() => medianOfTrials([])).toThrow(RangeError);
  });

  it('niceCeiling rounds an axis up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceCeiling(0)).toBe(1);
    expect(niceCeiling(3)).toBe(5);
    expect(niceCeiling(1800)).toBe(2000);
    expect(niceCeiling(2100)).toBe(2500);
    expect(niceCeiling(1000)).toBe(1000);
  });

  it('throughputSvg draws one polyline point per concurrency, sorted, with axes, labels and the floor', () => {
    const svg = throughputSvg(
      [
        { concurrency: 64, casesPerSecond: 300 },
        { concurrency: 1, casesPerSecond: 100 },
        { concurrency: 4, casesPerSecond: 200 },
      ],
      { title: 'A <title> & more', floor: 150 },
    );
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    const points = /<polyline points="([^"]+)"/.exec(svg)![1].split(' ').map((p) => p.split(',').map(Number));
    expect(points).toHaveLength(3);
    const xs = points.map(([x]) => x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs); // left to right by concurrency
    const ys = points.map(([, y]) => y);
    expect(ys[0]).toBeGreaterThan(ys[2]); // more throughput is higher up
    expect(svg).toContain('A &lt;title&gt; &amp; more');
    expect(svg).toContain('concurrent commands');
    expect(svg).toContain('cases opened per second');
    expect(svg).toContain('raw fsync floor 150 tx/s');
    expect(svg.match(/<circle /g)).toHaveLength(3);
  });

  it('throughputSvg copes with no points and a single point', () => {
    expect(throughputSvg([])).toContain('</svg>');
    expect(throughputSvg([{ concurrency: 16, casesPerSecond: 10 }])).toContain('<polyline');
  });
});

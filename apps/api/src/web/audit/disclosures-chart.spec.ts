import { OUTCOMES, REQUESTER_KINDS } from '@ledger/domain';
import { label, outcomeLabel } from '../shared/labels.js';
import { type ChartSeries, estimatedTextWidth, type MonthCounts, monthRange, monthsBetween, stackedMonthlyBars } from './disclosures-chart.js';
import { OUTCOME_SERIES, requesterKindSeries } from './stats-series.js';

/** Where each legend entry sits, from its swatch's left edge to the estimated end of its words. */
function legendOf(svg: string): { label: string; left: number; right: number; top: number; bottom: number }[] {
  const legend = /<g class="legend">(.*?)<\/g>/.exec(svg)?.[1] ?? '';
  const unescaped = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return [...legend.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"[^>]*\/><text x="([\d.]+)" y="([\d.]+)" font-size="(\d+)"[^>]*>([^<]*)<\/text>/g)].map((m) => {
    const [rectX, rectY, rectHeight, textX, baseline, fontSize] = [m[1], m[2], m[4], m[5], m[6], m[7]].map(Number) as [number, number, number, number, number, number];
    const text = unescaped(m[8]);
    // Text reaches about an em above its baseline and a quarter of one below it.
    return { label: text, left: rectX, right: textX + estimatedTextWidth(text), top: Math.min(rectY, baseline - fontSize), bottom: Math.max(rectY + rectHeight, baseline + fontSize / 4) };
  });
}

function sizeOf(svg: string): { width: number; height: number; viewBox: string } {
  const [, width, height] = /<svg [^>]*width="(\d+)" height="(\d+)"/.exec(svg) ?? [];
  return { width: Number(width), height: Number(height), viewBox: /viewBox="([^"]+)"/.exec(svg)?.[1] ?? '' };
}

const overlapping = (a: { left: number; right: number; top: number; bottom: number }, b: typeof a) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;


describe('disclosures chart', () => {
  const months: MonthCounts[] = [
    { month: '2026-01', byOutcome: { released: 3, refused: 1 }, byRequesterKind: {} },
    { month: '2026-02', byOutcome: { refused: 2 }, byRequesterKind: {} },
  ];
  const series = [
    { key: 'released', label: 'Released', colour: '#00703c' },
    { key: 'refused', label: 'Refused <all>', colour: '#b01c2e' },
  ];

  it('draws one rectangle per non-zero count, scaled to the tallest month, with an accessible name', () => {
    const svg = stackedMonthlyBars('outcomes', 'By outcome', months, (m) => m.byOutcome, series);
    expect(svg.match(/<rect [^>]*fill="#00703c"><title>/g)).toHaveLength(1);
    expect(svg.match(/<rect [^>]*fill="#b01c2e"><title>/g)).toHaveLength(2);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('<desc id="outcomes-desc">2026-01: 4, 2026-02: 2</desc>');
    const heights = [...svg.matchAll(/<rect [^>]*height="([\d.]+)" fill="#b01c2e"/g)].map((m) => Number(m[1]));
    expect(heights[1]).toBeCloseTo(heights[0] * 2, 1);
  });

  it('escapes every label it writes', () => {
    const svg = stackedMonthlyBars('x', 'A & B', months, (m) => m.byOutcome, series);
    expect(svg).toContain('Refused &lt;all&gt;');
    expect(svg).toContain('A &amp; B');
    expect(svg).not.toContain('<all>');
  });

  it('lists calendar months across a year end, bounded, and gives each its half-open range', () => {
    expect(monthsBetween(new Date('2025-11-20T00:00:00Z'), new Date('2026-02-01T00:00:00Z'))).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween(new Date('2020-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'), 3)).toHaveLength(3);
    expect(monthRange('2025-12')).toEqual({ from: '2025-12-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' });
  });

  it('counts months on the library’s calendar: New York’s March starts at 05:00 UTC and ends at 04:00 UTC (clocks went forward)', () => {
    expect(monthRange('2026-03', 'America/New_York')).toEqual({ from: '2026-03-01T05:00:00.000Z', to: '2026-04-01T04:00:00.000Z' });
    // 1 March 02:00 UTC is still 28 February in New York.
    expect(monthsBetween(new Date('2026-03-01T02:00:00Z'), new Date('2026-03-10T00:00:00Z'), 24, 'America/New_York')).toEqual(['2026-02', '2026-03']);
  });

  describe('legend', () => {
    const year: MonthCounts[] = monthsBetween(new Date('2026-01-01T00:00:00Z'), new Date('2026-12-31T00:00:00Z')).map((month, i) => ({
      month,
      byOutcome: Object.fromEntries(OUTCOME_SERIES.map((s, j) => [s.key, (i + j) % 4])),
      byRequesterKind: Object.fromEntries(REQUESTER_KINDS.map((k, j) => [k, (i * j) % 5])),
    }));
    const everyKind = requesterKindSeries(REQUESTER_KINDS);
    const chartOf = (series: readonly ChartSeries[]) => stackedMonthlyBars('c', 'Chart', year, (m) => ({ ...m.byOutcome, ...m.byRequesterKind }), series);
    const lists: [string, readonly ChartSeries[]][] = [
      ['outcomes', OUTCOME_SERIES],
      ['every requester kind', everyKind],
      ['many long labels', Array.from({ length: 14 }, (_, i) => ({ key: `k${i}`, label: `${'A long series label '.repeat(1 + (i % 3))}${i}`, colour: '#000000' }))],
    ];

    it('given the statistics page\'s series, when charted, then the legend says the words of the table, which are the words every page uses', () => {
      expect(legendOf(chartOf(OUTCOME_SERIES)).map((e) => e.label)).toEqual([...OUTCOMES.map((o) => label('outcome', o)), 'Open']);
      // A case without an outcome is "Open" here as in the register's outcome column (both from outcomeLabel).
      expect(outcomeLabel(null)).toBe('Open');
      expect(outcomeLabel('refused')).toBe(label('outcome', 'refused'));
      expect(legendOf(chartOf(everyKind)).map((e) => e.label)).toEqual(REQUESTER_KINDS.map((k) => label('requesterKind', k)));
      expect(legendOf(chartOf(everyKind)).map((e) => e.label)).toContain('Someone paying the patron’s fines or fees');
    });

    it('given two periods that show different requester kinds, when charted, then each kind keeps its one colour and no two kinds share one', () => {
      const colourOf = (series: readonly ChartSeries[]) => Object.fromEntries(series.map((s) => [s.key, s.colour]));
      const every = colourOf(everyKind);
      const fewer = colourOf(requesterKindSeries(['law_enforcement', 'other']));
      expect(fewer).toEqual({ law_enforcement: every['law_enforcement'], other: every['other'] });
      expect(new Set(Object.values(every)).size).toBe(REQUESTER_KINDS.length);
    });

    it('given a short label led by a wide capital, when estimated, then it is at least as wide as Chromium set it on the statistics page', () => {
      // Measured in the browser journey: "Open" took 32.06 px at 12 px, more than four average characters (30 px).
      expect(estimatedTextWidth('Open')).toBeGreaterThanOrEqual(32.07);
      expect(estimatedTextWidth('WWW')).toBe(36);
      expect(estimatedTextWidth('ooo')).toBe(22.5);
    });

    it.each(lists)('given %s, when charted, then no two legend entries overlap and each stays within the chart', (_name, series) => {
      const svg = chartOf(series);
      const entries = legendOf(svg);
      const { width, height } = sizeOf(svg);
      expect(entries).toHaveLength(series.length);
      for (const [i, entry] of entries.entries()) {
        expect(entry.left).toBeGreaterThanOrEqual(0);
        expect(entry.right).toBeLessThanOrEqual(width);
        expect(entry.bottom).toBeLessThanOrEqual(height);
        for (const other of entries.slice(i + 1)) expect(overlapping(entry, other)).toBe(false);
      }
    });

    it('given labels too long for one row, when charted, then the legend wraps below the months and the SVG grows by its rows', () => {
      const oneRow = chartOf(OUTCOME_SERIES.slice(0, 1));
      const wrapped = chartOf(everyKind);
      const rowTops = [...new Set(legendOf(wrapped).map((e) => e.top))].sort((a, b) => a - b);
      expect(rowTops.length).toBeGreaterThan(1);
      const rowPitch = rowTops[1] - rowTops[0];
      expect(rowPitch).toBeGreaterThan(0);
      expect(sizeOf(wrapped).height).toBe(sizeOf(oneRow).height + (rowTops.length - 1) * rowPitch);
      expect(sizeOf(wrapped).viewBox).toBe(`0 0 720 ${sizeOf(wrapped).height}`);
      expect(Math.max(...legendOf(wrapped).map((e) => e.bottom))).toBeLessThanOrEqual(sizeOf(wrapped).height);
      const lowestMonthLabel = Math.max(...[...wrapped.matchAll(/<text [^>]*y="([\d.]+)" text-anchor="middle"[^>]*>\d{4}-\d{2}<\/text>/g)].map((m) => Number(m[1]) + 3));
      expect(Math.min(...legendOf(wrapped).map((e) => e.top))).toBeGreaterThanOrEqual(lowestMonthLabel);
    });

    it('given any series, when charted, then the legend stays real text inside the accessible image', () => {
      const svg = chartOf(everyKind);
      expect(svg).toMatch(/^<svg class="chart" role="img" aria-labelledby="c-title c-desc"[^>]*><title id="c-title">Chart<\/title><desc id="c-desc">/);
      expect(svg.match(/<g class="legend">.*<\/g><\/svg>$/)?.[0].match(/<text /g)).toHaveLength(everyKind.length);
    });
  });
});

import { type MonthCounts, monthRange, monthsBetween, stackedMonthlyBars } from './disclosures-chart.js';

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
    expect(heights[1]).toBeCloseTo(heights[0]! * 2, 1);
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
});

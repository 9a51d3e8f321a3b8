/** A hand-written SVG line chart: pipeline throughput against concurrency (log2 x axis). */

export interface ThroughputPoint {
  readonly concurrency: number;
  readonly casesPerSecond: number;
}

export interface ThroughputChartOptions {
  readonly title?: string;
  /** A horizontal reference line, e.g. the raw fsync floor. */
  readonly floor?: number | null;
  readonly width?: number;
  readonly height?: number;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A "nice" upper bound for an axis: 1, 2, 2.5 or 5 times a power of ten, at least `max`. */
export function niceCeiling(max: number): number {
  if (!(max > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= max) return step * magnitude;
  return 10 * magnitude;
}

export function throughputSvg(points: readonly ThroughputPoint[], options: ThroughputChartOptions = {}): string {
  const width = options.width ?? 640;
  const height = options.height ?? 400;
  const margin = { left: 80, right: 30, top: 50, bottom: 60 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const sorted = [...points].sort((a, b) => a.concurrency - b.concurrency);
  const xs = sorted.map((p) => Math.log2(Math.max(1, p.concurrency)));
  const xMin = xs.length ? Math.min(...xs) : 0;
  const xMax = xs.length ? Math.max(...xs) : 1;
  const yMax = niceCeiling(Math.max(1, options.floor ?? 0, ...sorted.map((p) => p.casesPerSecond)));
  const x = (log: number) => margin.left + (xMax === xMin ? plotW / 2 : ((log - xMin) / (xMax - xMin)) * plotW);
  const y = (value: number) => margin.top + plotH - (value / yMax) * plotH;
  const fmt = (n: number) => n.toFixed(1);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="${width}" height="${height}" fill="white"/>`);
  out.push(`<text x="${width / 2}" y="24" text-anchor="middle" font-size="15">${escapeXml(options.title ?? 'Pipeline throughput vs concurrency')}</text>`);
  // Axes.
  out.push(`<line x1="${margin.left}" y1="${margin.top + plotH}" x2="${margin.left + plotW}" y2="${margin.top + plotH}" stroke="black"/>`);
  out.push(`<line x1="${margin.left}" y1="${margin.top}" x2="${margin.left}" y2="${margin.top + plotH}" stroke="black"/>`);
  // Y ticks and grid.
  for (let i = 0; i <= 5; i++) {
    const value = (yMax / 5) * i;
    const ty = fmt(y(value));
    out.push(`<line x1="${margin.left - 5}" y1="${ty}" x2="${margin.left + plotW}" y2="${ty}" stroke="#ddd"/>`);
    out.push(`<text x="${margin.left - 8}" y="${ty}" text-anchor="end" dominant-baseline="middle">${Math.round(value)}</text>`);
  }
  // X ticks at each measured concurrency.
  for (const [i, point] of sorted.entries()) {
    const tx = fmt(x(xs[i]));
    out.push(`<line x1="${tx}" y1="${margin.top + plotH}" x2="${tx}" y2="${margin.top + plotH + 5}" stroke="black"/>`);
    out.push(`<text x="${tx}" y="${margin.top + plotH + 20}" text-anchor="middle">${point.concurrency}</text>`);
  }
  out.push(`<text x="${margin.left + plotW / 2}" y="${height - 15}" text-anchor="middle">concurrent commands (log scale)</text>`);
  out.push(`<text x="20" y="${margin.top + plotH / 2}" text-anchor="middle" transform="rotate(-90 20 ${margin.top + plotH / 2})">cases opened per second</text>`);
  if (options.floor != null && options.floor > 0) {
    const fy = fmt(y(options.floor));
    out.push(`<line x1="${margin.left}" y1="${fy}" x2="${margin.left + plotW}" y2="${fy}" stroke="#c00" stroke-dasharray="6 4"/>`);
    out.push(`<text x="${margin.left + plotW}" y="${fmt(y(options.floor) - 6)}" text-anchor="end" fill="#c00">raw fsync floor ${Math.round(options.floor)} tx/s</text>`);
  }
  if (sorted.length > 0) {
    const polyline = sorted.map((p, i) => `${fmt(x(xs[i]))},${fmt(y(p.casesPerSecond))}`).join(' ');
    out.push(`<polyline points="${polyline}" fill="none" stroke="#0057b8" stroke-width="2"/>`);
    for (const [i, p] of sorted.entries()) {
      out.push(`<circle cx="${fmt(x(xs[i]))}" cy="${fmt(y(p.casesPerSecond))}" r="3.5" fill="#0057b8"/>`);
      out.push(`<text x="${fmt(x(xs[i]))}" y="${fmt(y(p.casesPerSecond) - 9)}" text-anchor="middle" fill="#0057b8">${Math.round(p.casesPerSecond)}</text>`);
    }
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

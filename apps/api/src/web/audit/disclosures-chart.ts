/** One month's counts, as the stats query answers them for that month. */
export interface MonthCounts {
  readonly month: string;
  readonly byOutcome: Record<string, number>;
  readonly byRequesterKind: Record<string, number>;
}

export interface ChartSeries {
  readonly key: string;
  readonly label: string;
  readonly colour: string;
}

const WIDTH = 720;
const HEIGHT = 260;
const LEFT = 48;
const BOTTOM = 36;
const TOP = 12;

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * A stacked bar chart per month as inline SVG, drawn on the server: no script, no external image, so it
 * passes the strict CSP and prints. It carries a title and description for screen readers; the same
 * numbers are in the table beside it.
 */
export function stackedMonthlyBars(id: string, title: string, months: readonly MonthCounts[], pick: (m: MonthCounts) => Record<string, number>, series: readonly ChartSeries[]): string {
  const totals = months.map((m) => series.reduce((sum, s) => sum + (pick(m)[s.key] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const plotWidth = WIDTH - LEFT - 8;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const slot = plotWidth / Math.max(1, months.length);
  const barWidth = Math.min(48, slot * 0.7);
  const scale = plotHeight / max;
  const parts: string[] = [];
  const ticks = [0, Math.ceil(max / 2), max];
  for (const tick of ticks) {
    const y = TOP + plotHeight - tick * scale;
    parts.push(`<line x1="${LEFT}" x2="${WIDTH - 8}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#b1b4b6" stroke-width="1"/>`);
    parts.push(`<text x="${LEFT - 6}" y="${(y + 4).toFixed(1)}" text-anchor="end" font-size="12" fill="#0b0c0c">${tick}</text>`);
  }
  months.forEach((month, index) => {
    const x = LEFT + index * slot + (slot - barWidth) / 2;
    let y = TOP + plotHeight;
    for (const s of series) {
      const count = pick(month)[s.key] ?? 0;
      if (!count) continue;
      const height = count * scale;
      y -= height;
      parts.push(`<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${height.toFixed(1)}" fill="${s.colour}"><title>${escapeXml(`${month.month}: ${s.label} ${count}`)}</title></rect>`);
    }
    parts.push(`<text x="${(x + barWidth / 2).toFixed(1)}" y="${HEIGHT - BOTTOM + 16}" text-anchor="middle" font-size="12" fill="#0b0c0c">${escapeXml(month.month)}</text>`);
  });
  const legend = series
    .map((s, i) => `<rect x="${LEFT + i * 150}" y="${HEIGHT - 12}" width="12" height="12" fill="${s.colour}"/><text x="${LEFT + i * 150 + 16}" y="${HEIGHT - 2}" font-size="12" fill="#0b0c0c">${escapeXml(s.label)}</text>`)
    .join('');
  const description = months.map((m, i) => `${m.month}: ${totals[i]}`).join(', ');
  return `<svg class="chart" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${WIDTH} ${HEIGHT + 8}" width="${WIDTH}" height="${HEIGHT + 8}" xmlns="http://www.w3.org/2000/svg"><title id="${id}-title">${escapeXml(title)}</title><desc id="${id}-desc">${escapeXml(description)}</desc>${parts.join('')}${legend}</svg>`;
}

/** The calendar months from `from` to `to` (inclusive of both months), as `YYYY-MM`, at most `limit`. */
export function monthsBetween(from: Date, to: Date, limit = 24): string[] {
  const months: string[] = [];
  let year = from.getUTCFullYear();
  let month = from.getUTCMonth();
  while ((year < to.getUTCFullYear() || (year === to.getUTCFullYear() && month <= to.getUTCMonth())) && months.length < limit) {
    months.push(`${year}-${String(month + 1).padStart(2, '0')}`);
    month += 1;
    if (month === 12) (month = 0), (year += 1);
  }
  return months;
}

export function monthRange(month: string): { from: string; to: string } {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return { from: new Date(Date.UTC(year, mon - 1, 1)).toISOString(), to: new Date(Date.UTC(year, mon, 1)).toISOString() };
}

import { instantOf, localDateOf } from '../shared/library-time.js';

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
const LEFT = 48;
const RIGHT = WIDTH - 8;
const TOP = 12;
const PLOT_HEIGHT = 212;
const PLOT_BOTTOM = TOP + PLOT_HEIGHT;
const MONTH_BASELINE = PLOT_BOTTOM + 16;
const LEGEND_TOP = PLOT_BOTTOM + 24;
const LEGEND_ROW_HEIGHT = 20;
/** From the top of a legend row: 12 px text set here has its ascenders below the row's top and its descenders above the next row. */
const LEGEND_BASELINE = 10;
const SWATCH = 12;
const SWATCH_GAP = 4;
const ENTRY_GAP = 16;
const FONT_SIZE = 12;
/**
 * The server has no fonts to measure with. The page's faces set the legend's labels at up to 0.53 em a
 * character in Arial, 0.59 em in DejaVu Sans (one of the widest) and 0.6 em in a monospace fallback;
 * 0.625 em errs wide of them all, so an entry does not run into the next, except for the widest letters:
 * a capital, "m" or "w" can take up to 1 em ("W" in DejaVu Sans), and a short label such as "Open" then
 * outgrows an average (32 px against 30 in Chromium), so those count a whole em.
 */
const CHARACTER_WIDTH = 0.625 * FONT_SIZE;
const WIDE_CHARACTER = /[A-Zmw]/;

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The width 12 px text takes at most, estimated (see `CHARACTER_WIDTH`). */
export function estimatedTextWidth(text: string): number {
  let width = 0;
  for (const character of text) width += WIDE_CHARACTER.test(character) ? FONT_SIZE : CHARACTER_WIDTH;
  return width;
}

interface LegendEntry {
  readonly series: ChartSeries;
  readonly x: number;
  readonly row: number;
}

/**
 * Each entry as wide as its words, left to right, and on a new row when the row is full: the legend says
 * the table's words for each series, however long. An entry wider than a whole row (none of the stats
 * page's is half as wide) would have a row to itself and run past the right edge.
 */
function legendLayout(series: readonly ChartSeries[]): { entries: LegendEntry[]; rows: number } {
  const entries: LegendEntry[] = [];
  let x = LEFT;
  let row = 0;
  for (const s of series) {
    const width = SWATCH + SWATCH_GAP + estimatedTextWidth(s.label);
    if (x > LEFT && x + width > RIGHT) {
      x = LEFT;
      row += 1;
    }
    entries.push({ series: s, x, row });
    x += width + ENTRY_GAP;
  }
  return { entries, rows: series.length ? row + 1 : 0 };
}

/**
 * A stacked bar chart per month as inline SVG, drawn on the server: no script, no external image, so it
 * passes the strict CSP and prints. It carries a title and description for screen readers; the same
 * numbers are in the table beside it.
 */
export function stackedMonthlyBars(id: string, title: string, months: readonly MonthCounts[], pick: (m: MonthCounts) => Record<string, number>, series: readonly ChartSeries[]): string {
  const totals = months.map((m) => series.reduce((sum, s) => sum + (pick(m)[s.key] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const plotWidth = RIGHT - LEFT;
  const slot = plotWidth / Math.max(1, months.length);
  const barWidth = Math.min(48, slot * 0.7);
  const scale = PLOT_HEIGHT / max;
  const parts: string[] = [];
  const ticks = [0, Math.ceil(max / 2), max];
  for (const tick of ticks) {
    const y = PLOT_BOTTOM - tick * scale;
    parts.push(`<line x1="${LEFT}" x2="${RIGHT}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#b1b4b6" stroke-width="1"/>`);
    parts.push(`<text x="${LEFT - 6}" y="${(y + 4).toFixed(1)}" text-anchor="end" font-size="12" fill="#0b0c0c">${tick}</text>`);
  }
  months.forEach((month, index) => {
    const x = LEFT + index * slot + (slot - barWidth) / 2;
    let y = PLOT_BOTTOM;
    for (const s of series) {
      const count = pick(month)[s.key] ?? 0;
      if (!count) continue;
      const height = count * scale;
      y -= height;
      parts.push(`<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${height.toFixed(1)}" fill="${s.colour}"><title>${escapeXml(`${month.month}: ${s.label} ${count}`)}</title></rect>`);
    }
    parts.push(`<text x="${(x + barWidth / 2).toFixed(1)}" y="${MONTH_BASELINE}" text-anchor="middle" font-size="12" fill="#0b0c0c">${escapeXml(month.month)}</text>`);
  });
  const { entries, rows } = legendLayout(series);
  const legend = entries
    .map(({ series: s, x, row }) => {
      const top = LEGEND_TOP + row * LEGEND_ROW_HEIGHT;
      return `<rect x="${x.toFixed(1)}" y="${top}" width="${SWATCH}" height="${SWATCH}" fill="${s.colour}"/><text x="${(x + SWATCH + SWATCH_GAP).toFixed(1)}" y="${top + LEGEND_BASELINE}" font-size="${FONT_SIZE}" fill="#0b0c0c">${escapeXml(s.label)}</text>`;
    })
    .join('');
  const height = LEGEND_TOP + rows * LEGEND_ROW_HEIGHT;
  const description = months.map((m, i) => `${m.month}: ${totals[i]}`).join(', ');
  return `<svg class="chart" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" xmlns="http://www.w3.org/2000/svg"><title id="${id}-title">${escapeXml(title)}</title><desc id="${id}-desc">${escapeXml(description)}</desc>${parts.join('')}<g class="legend">${legend}</g></svg>`;
}

/** The calendar months from `from` to `to` in the zone (inclusive of both months), as `YYYY-MM`, at most `limit`. */
export function monthsBetween(from: Date, to: Date, limit = 24, zone = 'UTC'): string[] {
  const months: string[] = [];
  const first = localDateOf(from.toISOString(), zone);
  const last = localDateOf(to.toISOString(), zone);
  let year = first.year;
  let month = first.month - 1;
  while ((year < last.year || (year === last.year && month <= last.month - 1)) && months.length < limit) {
    months.push(`${year}-${String(month + 1).padStart(2, '0')}`);
    month += 1;
    if (month === 12) {
      month = 0;
      year += 1;
    }
  }
  return months;
}

/** A month (`YYYY-MM`) as the instants of its first local day's start and the next month's. */
export function monthRange(month: string, zone = 'UTC'): { from: string; to: string } {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const next = mon === 12 ? { year: year + 1, month: 1, day: 1 } : { year, month: mon + 1, day: 1 };
  return { from: instantOf({ year, month: mon, day: 1 }, 0, 0, zone), to: instantOf(next, 0, 0, zone) };
}

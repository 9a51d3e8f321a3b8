import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import bidiModule, { type Bidi } from 'bidi-js';

type Doc = PDFKit.PDFDocument;

/**
 * DejaVu Sans has Latin, Hebrew and Arabic glyphs (with Arabic joining forms), which PDF's standard
 * fonts lack: a requester or officer may be named in any script. It comes from an npm package, so
 * `npm ci` alone provides it.
 */
const FONT_DIR = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
export const FONTS = {
  regular: join(FONT_DIR, 'DejaVuSans.ttf'),
  bold: join(FONT_DIR, 'DejaVuSans-Bold.ttf'),
  mono: join(FONT_DIR, 'DejaVuSansMono.ttf'),
} as const;
export type FontName = keyof typeof FONTS;

export function registerFonts(doc: Doc): void {
  for (const [name, file] of Object.entries(FONTS)) doc.registerFont(name, file);
}

export interface Span {
  readonly text: string;
  readonly font: FontName;
}

interface Run {
  readonly text: string;
  readonly font: FontName;
  readonly width: number;
  readonly rightToLeft: boolean;
}

/**
 * pdfkit shapes text word by word unless features are named; a right-to-left run must be shaped
 * whole, so that the font engine orders its words as well as its letters.
 */
const shapedWhole = (rightToLeft: boolean) => (rightToLeft ? { features: [] as PDFKit.Mixins.OpenTypeFeatures[] } : {});

/** One laid-out line: its runs in visual order, left to right. */
export interface TextLine {
  readonly runs: readonly Run[];
  readonly width: number;
}

// bidi-js is a UMD module: imported from ESM its default export is the factory itself (its typings say otherwise).
const bidi = (bidiModule as unknown as () => Bidi)();
/** Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan and their presentation forms: letters that read right to left. */
const STRONG_RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
// Bidirectional controls are refused at the API; any that an older event holds are not drawn.
const BIDI_CONTROLS = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

const lineHeightOf = (size: number) => size * 1.25;

/**
 * Lays out a paragraph of styled spans into lines at most `width` wide (words wrap; a word longer
 * than a line is cut), and orders each line by the Unicode bidirectional algorithm on a
 * left-to-right paragraph, so that a Hebrew or Arabic name reads correctly inside English text.
 * Right-to-left runs are handed to the font engine in logical order: it shapes them (Arabic joining)
 * and lays their glyphs right to left itself.
 */
export function layoutText(doc: Doc, spans: readonly Span[], width: number, size: number): TextLine[] {
  const measure = (text: string, font: FontName) => doc.font(font).fontSize(size).widthOfString(text);
  const paragraph = spans.map((span) => span.text.replace(BIDI_CONTROLS, '').replace(/\s+/g, ' ')).join('');
  const fontAt: FontName[] = [];
  spans.forEach((span) => {
    const clean = span.text.replace(BIDI_CONTROLS, '').replace(/\s+/g, ' ');
    for (let i = 0; i < clean.length; i++) fontAt.push(span.font);
  });

  // Greedy wrapping over words (with their trailing spaces), in logical order.
  const widthOf = (from: number, to: number) => {
    let total = 0;
    for (let at = from; at < to; ) {
      let next = at + 1;
      while (next < to && fontAt[next] === fontAt[at]) next++;
      total += measure(paragraph.slice(at, next), fontAt[at]);
      at = next;
    }
    return total;
  };
  const lines: { start: number; end: number }[] = [];
  let start = 0;
  let lineWidth = 0;
  for (const match of paragraph.matchAll(/\S+\s*|\s+/g)) {
    const from = match.index;
    const to = from + match[0].length;
    const visibleEnd = from + match[0].trimEnd().length;
    const wordWidth = widthOf(from, visibleEnd);
    if (lineWidth > 0 && lineWidth + wordWidth > width) {
      lines.push({ start, end: from });
      start = from;
      lineWidth = 0;
    }
    if (wordWidth <= width) {
      lineWidth += widthOf(from, to);
      continue;
    }
    // A word wider than a line (a hash, a long reference) is cut where it must be.
    let at = from;
    while (widthOf(at, visibleEnd) > width) {
      let cut = at + 1;
      while (cut < visibleEnd && widthOf(at, cut + 1) <= width) cut++;
      lines.push({ start: at, end: cut });
      at = start = cut;
    }
    lineWidth = widthOf(at, to);
  }
  if (start < paragraph.length || lines.length === 0) lines.push({ start, end: paragraph.length });

  const levels = paragraph.length > 0 ? bidi.getEmbeddingLevels(paragraph, 'ltr') : null;
  const mirrored = levels ? bidi.getMirroredCharactersMap(paragraph, levels.levels) : new Map<number, string>();
  return lines.map(({ start: from, end: to }) => {
    const visible = paragraph.slice(from, to).trimEnd().length;
    if (!levels || visible === 0) return { runs: [], width: 0 };
    // The whole paragraph's indices, with this line's part reordered in place.
    const order = bidi.getReorderedIndices(paragraph, levels, from, from + visible - 1).slice(from, from + visible);
    const runs: Run[] = [];
    let i = 0;
    while (i < order.length) {
      const first = order[i];
      const rtl = (levels.levels[first] & 1) === 1;
      let j = i + 1;
      while (j < order.length && fontAt[order[j]] === fontAt[first] && order[j] === order[j - 1] + (rtl ? -1 : 1) && ((levels.levels[order[j]] & 1) === 1) === rtl) j++;
      const low = rtl ? order[j - 1] : first;
      const high = rtl ? first : order[j - 1];
      let text = '';
      for (let k = low; k <= high; k++) text += (rtl ? mirrored.get(k) : undefined) ?? paragraph[k];
      // The font engine reverses runs of right-to-left letters; a right-to-left run of neutrals alone it would not.
      if (rtl && !STRONG_RTL.test(text)) text = [...text].reverse().join('');
      runs.push({ text, font: fontAt[first], width: doc.font(fontAt[first]).fontSize(size).widthOfString(text, shapedWhole(rtl)), rightToLeft: rtl });
      i = j;
    }
    return { runs, width: runs.reduce((sum, run) => sum + run.width, 0) };
  });
}

export function textHeight(lines: readonly TextLine[], size: number): number {
  return lines.length * lineHeightOf(size);
}

/** Draws laid-out lines from (x, y); returns the height used. */
export function drawLines(doc: Doc, lines: readonly TextLine[], x: number, y: number, size: number, align: 'left' | 'center' | 'right' = 'left', width = 0): number {
  lines.forEach((line, n) => {
    let at = align === 'left' ? x : align === 'center' ? x + (width - line.width) / 2 : x + width - line.width;
    for (const run of line.runs) {
      doc.font(run.font).fontSize(size).text(run.text, at, y + n * lineHeightOf(size), { lineBreak: false, ...shapedWhole(run.rightToLeft) });
      at += run.width;
    }
  });
  return textHeight(lines, size);
}

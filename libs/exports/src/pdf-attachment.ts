import { inflateSync } from 'node:zlib';

/** A file embedded in a PDF (an entry of the catalog's EmbeddedFiles name tree). */
export interface PdfAttachment {
  readonly name: string;
  /** The embedded file stream's /Subtype (a MIME type), when it has one. */
  readonly mediaType: string | null;
  /** The file specification's /AFRelationship (PDF/A-3: Source, Data, …), when it has one. */
  readonly relationship: string | null;
  readonly data: Buffer;
}

export interface PdfFileParts {
  readonly attachments: readonly PdfAttachment[];
  /** The document information dictionary's text entries. */
  readonly info: Readonly<Record<string, string>>;
}

/** A PDF this reader cannot follow (not a PDF, or one whose objects are compressed into object streams). */
export class UnreadablePdfError extends Error {
  override readonly name = 'UnreadablePdfError';
}

type PdfValue = null | boolean | number | PdfName | PdfRef | Buffer | PdfValue[] | PdfDict;
class PdfName {
  constructor(readonly name: string) {}
}
class PdfRef {
  constructor(readonly id: number) {}
}
type PdfDict = Map<string, PdfValue>;
interface PdfObject {
  readonly value: PdfValue;
  readonly stream: Buffer | null;
}

const isDict = (value: PdfValue | undefined): value is PdfDict => value instanceof Map;
const WHITE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITER = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));

/**
 * Reads the embedded files and the information dictionary of a PDF written with a classic
 * cross-reference table (as pdfkit writes them, and most tools that save incrementally): every
 * `N G obj … endobj` in the file, the last definition of each object winning, then the trailer's
 * /Root → /Names → /EmbeddedFiles tree. FlateDecode streams are inflated. Only what a case file
 * needs: not a general PDF reader.
 */
export function readPdfFile(pdf: Buffer): PdfFileParts {
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new UnreadablePdfError('the file is not a PDF');
  const parser = new PdfParser(pdf);
  const objects = parser.objects();
  const trailerAt = pdf.lastIndexOf('trailer');
  if (trailerAt < 0) throw new UnreadablePdfError('the PDF has no trailer (its cross-references are compressed); save it again as a plain PDF, or verify the JSON case file');
  parser.at = trailerAt + 'trailer'.length;
  const trailer = parser.value();
  if (!isDict(trailer)) throw new UnreadablePdfError('the PDF’s trailer is not a dictionary');
  const resolve = (value: PdfValue | undefined): PdfValue | undefined => (value instanceof PdfRef ? objects.get(value.id)?.value : value);
  const text = (value: PdfValue | undefined): string | null => {
    const resolved = resolve(value);
    if (resolved instanceof PdfName) return resolved.name;
    return Buffer.isBuffer(resolved) ? pdfText(resolved) : null;
  };

  const info: Record<string, string> = {};
  const infoDict = resolve(trailer.get('Info'));
  if (isDict(infoDict)) for (const [key, value] of infoDict) if (text(value) !== null) info[key] = text(value)!;

  const attachments: PdfAttachment[] = [];
  const catalog = resolve(trailer.get('Root'));
  const names = isDict(catalog) ? resolve(catalog.get('Names')) : undefined;
  const tree = isDict(names) ? resolve(names.get('EmbeddedFiles')) : undefined;
  const visit = (node: PdfValue | undefined, depth: number): void => {
    if (!isDict(node) || depth > 32) return;
    const kids = resolve(node.get('Kids'));
    if (Array.isArray(kids)) for (const kid of kids) visit(resolve(kid), depth + 1);
    const entries = resolve(node.get('Names'));
    if (!Array.isArray(entries)) return;
    for (let i = 0; i + 1 < entries.length; i += 2) {
      const spec = resolve(entries[i + 1]);
      const ef = isDict(spec) ? resolve(spec.get('EF')) : undefined;
      const fileRef = isDict(ef) ? (ef.get('UF') ?? ef.get('F')) : undefined;
      const embedded = fileRef instanceof PdfRef ? objects.get(fileRef.id) : undefined;
      if (!isDict(spec) || !embedded?.stream || !isDict(embedded.value)) continue;
      attachments.push({
        name: text(entries[i]) ?? text(spec.get('UF')) ?? text(spec.get('F')) ?? '',
        mediaType: text(embedded.value.get('Subtype')),
        relationship: text(spec.get('AFRelationship')),
        data: decoded(embedded.value, embedded.stream, resolve),
      });
    }
  };
  visit(tree, 0);
  return { attachments, info };
}

function decoded(dict: PdfDict, stream: Buffer, resolve: (value: PdfValue | undefined) => PdfValue | undefined): Buffer {
  const filter = resolve(dict.get('Filter'));
  const filters = (Array.isArray(filter) ? filter : filter === undefined ? [] : [filter]).map((f) => (f instanceof PdfName ? f.name : '?'));
  let data = stream;
  for (const name of filters) {
    if (name !== 'FlateDecode') throw new UnreadablePdfError(`an embedded file is encoded with /${name}, which this reader does not decode`);
    data = inflateSync(data);
  }
  return data;
}

/** A PDF text string: UTF-16BE after its byte-order mark, else (PDFDocEncoding, read as) Latin-1. */
function pdfText(bytes: Buffer): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  return bytes.toString('latin1');
}

class PdfParser {
  at = 0;

  constructor(private readonly pdf: Buffer) {}

  /** Every indirect object, in file order; a later definition of the same object (an incremental update) replaces the earlier. */
  objects(): Map<number, PdfObject> {
    const found = new Map<number, PdfObject>();
    const header = /(\d+)\s+(\d+)\s+obj\b/y;
    const text = this.pdf.toString('latin1');
    for (let from = 0; ; ) {
      const start = text.indexOf(' obj', from);
      if (start < 0) break;
      // Back up to the object number at the start of this line.
      const lineStart = Math.max(text.lastIndexOf('\n', start), text.lastIndexOf('\r', start)) + 1;
      header.lastIndex = lineStart;
      const match = header.exec(text);
      if (!match || match.index !== lineStart) {
        from = start + 4;
        continue;
      }
      this.at = header.lastIndex;
      const value = this.value();
      let stream: Buffer | null = null;
      this.skipWhite();
      if (text.startsWith('stream', this.at) && isDict(value)) {
        this.at += 'stream'.length;
        if (this.pdf[this.at] === 0x0d) this.at++;
        if (this.pdf[this.at] === 0x0a) this.at++;
        const declared = value.get('Length');
        const length = typeof declared === 'number' ? declared : declared instanceof PdfRef ? this.lengthAt(text, declared.id) : null;
        const end = length !== null ? this.at + length : text.indexOf('endstream', this.at);
        if (end < this.at || end > this.pdf.length) throw new UnreadablePdfError(`object ${match[1]}'s stream runs past the end of the file`);
        stream = this.pdf.subarray(this.at, end);
        this.at = end;
      }
      found.set(Number(match[1]), { value, stream });
      const close = text.indexOf('endobj', this.at);
      from = close < 0 ? this.pdf.length : close + 'endobj'.length;
    }
    return found;
  }

  /** An indirect /Length (`N 0 obj 1234 endobj`), read where it is defined. */
  private lengthAt(text: string, id: number): number | null {
    const match = new RegExp(`(?:^|[\\r\\n])${id}\\s+\\d+\\s+obj\\s+(\\d+)\\s+endobj`).exec(text);
    return match ? Number(match[1]) : null;
  }

  private skipWhite(): void {
    for (;;) {
      while (this.at < this.pdf.length && WHITE.has(this.pdf[this.at])) this.at++;
      if (this.pdf[this.at] !== 0x25) return; // %: a comment to the end of the line
      while (this.at < this.pdf.length && this.pdf[this.at] !== 0x0a && this.pdf[this.at] !== 0x0d) this.at++;
    }
  }

  private token(): string {
    const start = this.at;
    while (this.at < this.pdf.length && !WHITE.has(this.pdf[this.at]) && !DELIMITER.has(this.pdf[this.at])) this.at++;
    return this.pdf.subarray(start, this.at).toString('latin1');
  }

  value(): PdfValue {
    this.skipWhite();
    const c = this.pdf[this.at];
    if (c === undefined) throw new UnreadablePdfError('the PDF ends inside an object');
    if (c === 0x3c && this.pdf[this.at + 1] === 0x3c) return this.dict();
    if (c === 0x3c) return this.hexString();
    if (c === 0x28) return this.literalString();
    if (c === 0x5b) {
      this.at++;
      const items: PdfValue[] = [];
      for (this.skipWhite(); this.pdf[this.at] !== 0x5d; this.skipWhite()) {
        if (this.at >= this.pdf.length) throw new UnreadablePdfError('the PDF ends inside an array');
        items.push(this.value());
      }
      this.at++;
      return items;
    }
    if (c === 0x2f) {
      this.at++;
      return new PdfName(this.token().replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))));
    }
    const word = this.token();
    if (word === '') throw new UnreadablePdfError(`unexpected "${String.fromCharCode(c)}" at byte ${this.at}`);
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'null') return null;
    const number = Number(word);
    if (Number.isNaN(number)) throw new UnreadablePdfError(`unexpected "${word}" at byte ${this.at}`);
    // `N G R`: a reference to an indirect object.
    const back = this.at;
    this.skipWhite();
    const generation = this.token();
    this.skipWhite();
    if (/^\d+$/.test(generation) && this.pdf[this.at] === 0x52 && (this.at + 1 >= this.pdf.length || !/[A-Za-z0-9]/.test(String.fromCharCode(this.pdf[this.at + 1])))) {
      this.at++;
      return new PdfRef(number);
    }
    this.at = back;
    return number;
  }

  private dict(): PdfDict {
    this.at += 2;
    const dict: PdfDict = new Map();
    for (this.skipWhite(); !(this.pdf[this.at] === 0x3e && this.pdf[this.at + 1] === 0x3e); this.skipWhite()) {
      const key = this.value();
      if (!(key instanceof PdfName)) throw new UnreadablePdfError(`a dictionary key that is not a name at byte ${this.at}`);
      dict.set(key.name, this.value());
    }
    this.at += 2;
    return dict;
  }

  private hexString(): Buffer {
    const end = this.pdf.indexOf(0x3e, this.at);
    if (end < 0) throw new UnreadablePdfError('the PDF ends inside a string');
    const hex = this.pdf.subarray(this.at + 1, end).toString('latin1').replace(/\s+/g, '');
    this.at = end + 1;
    return Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex');
  }

  private literalString(): Buffer {
    const out: number[] = [];
    let depth = 0;
    for (this.at++; ; this.at++) {
      const c = this.pdf[this.at];
      if (c === undefined) throw new UnreadablePdfError('the PDF ends inside a string');
      if (c === 0x29 && depth === 0) break;
      if (c === 0x28) depth++;
      if (c === 0x29) depth--;
      if (c !== 0x5c) {
        out.push(c);
        continue;
      }
      const next = this.pdf[++this.at];
      const escapes: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c };
      if (next in escapes) out.push(escapes[next]);
      else if (next >= 0x30 && next <= 0x37) {
        let octal = '';
        while (octal.length < 3 && this.pdf[this.at] >= 0x30 && this.pdf[this.at] <= 0x37) octal += String.fromCharCode(this.pdf[this.at++]);
        this.at--;
        out.push(parseInt(octal, 8) & 0xff);
      } else if (next === 0x0d || next === 0x0a) {
        if (next === 0x0d && this.pdf[this.at + 1] === 0x0a) this.at++;
      } else out.push(next);
    }
    this.at++;
    return Buffer.from(out);
  }
}

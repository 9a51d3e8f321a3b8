import { deflateSync, inflateSync } from 'node:zlib';

/**
 * The case file PDF with the JSON it embeds edited by `edit` (inflated, edited, deflated again, its
 * /Length fixed): what someone who alters the attachment and leaves the pages would hand over.
 */
export function withEditedAttachment(pdf: Buffer, edit: (json: string) => string): Buffer {
  const text = pdf.toString('latin1');
  const [header] = /\/Type \/EmbeddedFile[^]*?>>\nstream\n/.exec(text)!;
  const start = text.indexOf(header) + header.length;
  const length = Number(/\/Length (\d+)/.exec(header)![1]);
  const data = deflateSync(Buffer.from(edit(inflateSync(pdf.subarray(start, start + length)).toString('utf8')), 'utf8'));
  const before = Buffer.from(text.slice(0, start).replace(header, header.replace(/\/Length \d+/, `/Length ${data.length}`)), 'latin1');
  return Buffer.concat([before, data, pdf.subarray(start + length)]);
}

/** The PDF with its EmbeddedFiles name tree renamed away (the same length, so every offset holds): a PDF that embeds nothing. */
export const withoutAttachment = (pdf: Buffer): Buffer => Buffer.from(pdf.toString('latin1').replace('/EmbeddedFiles', '/EmbeddedFilez'), 'latin1');

/** The PDF with its first page one point taller (the same length): pages that are not the embedded file's rendering. */
export const withAlteredPage = (pdf: Buffer): Buffer => Buffer.from(pdf.toString('latin1').replace('/MediaBox [0 0 612 792]', '/MediaBox [0 0 612 793]'), 'latin1');

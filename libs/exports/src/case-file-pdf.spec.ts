import { PDFParse } from 'pdf-parse';
import { buildCaseFile, type CaseFile } from './case-file.js';
import { readCaseFilePdf } from './case-file-pdf.js';
import { longDateIn } from './case-file-prose.js';
import { readPdfFile } from './pdf-attachment.js';
import { renderCaseFileJson } from './render-json.js';
import { renderCaseFilePdf } from './render-pdf.js';
import { producedCaseHistory } from './testing/produced-case.js';
import { recordedCase } from './testing/recorded-case.js';
import { withAlteredPage, withEditedAttachment, withoutAttachment } from './testing/pdf-tampering.js';

const people: Record<string, { name: string; role: string }> = { 'u-staff': { name: 'Maria Lopez', role: 'staff' }, 'u-director': { name: 'Ann Smith', role: 'director' } };
const file: CaseFile = buildCaseFile({
  caseId: 'case-pdf-2',
  events: recordedCase('case-pdf-2', producedCaseHistory({ recordsFrom: '2024-01-01T05:00:00.000Z', recordsTo: '2024-07-01T03:59:00.000Z' })),
  generatedAt: '2025-03-21T09:00:00.000Z',
  preparedFor: 'Jane Doe (counsel)',
  directory: (userId) => people[userId] ?? null,
});
const json = renderCaseFileJson(file);

describe('the case file PDF embeds its JSON case file', () => {
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await renderCaseFilePdf(file, { timeZone: 'America/New_York' });
  });

  it('as a PDF/A-3 style attachment: EmbeddedFiles, /AF, AFRelationship /Source, application/json, the JSON byte for byte', () => {
    const { attachments, info } = readPdfFile(pdf);
    expect(attachments.map(({ name, mediaType, relationship }) => ({ name, mediaType, relationship }))).toEqual([{ name: 'case-case-pdf-2.json', mediaType: 'application/json', relationship: 'Source' }]);
    expect(attachments[0].data.equals(json)).toBe(true);
    expect(info).toMatchObject({ TimeZone: 'America/New_York', CaseFileLayout: '1', Title: 'Case file case-pdf-2' });
    expect(pdf.toString('latin1')).toMatch(/\/AF \[\d+ 0 R\]/);
  });

  it('that an independent reader (pdf.js) finds too', async () => {
    const parser = new PDFParse({ data: new Uint8Array(pdf) });
    await parser.getInfo();
    const attachments = (await (parser as unknown as { doc: { getAttachments(): Promise<Record<string, { filename: string; content: Uint8Array }>> } }).doc.getAttachments()) ?? {};
    await parser.destroy();
    const found = Object.values(attachments);
    expect(found.map((a) => a.filename)).toEqual(['case-case-pdf-2.json']);
    expect(Buffer.from(found[0].content).equals(json)).toBe(true);
  });

  it('prints the period of the records produced in the library’s time zone', async () => {
    const parser = new PDFParse({ data: new Uint8Array(pdf) });
    const { text } = await parser.getText();
    await parser.destroy();
    expect(text.replace(/\s+/g, ' ')).toContain('Period of records produced: 1 January 2024, 00:00 EST to 30 June 2024, 23:59 EDT');
    expect(longDateIn('2024-07-01T03:59:00.000Z', 'UTC')).toBe('1 July 2024, 03:59 UTC');
  });

  it('renders the same file to the same bytes, so verify-file can hold the pages to the file', async () => {
    const read = await readCaseFilePdf(pdf);
    expect(read).toEqual({ file: JSON.parse(json.toString('utf8')), attachment: 'case-case-pdf-2.json', pages: 'same' });
  });

  it('finds pages that are not the embedded file’s rendering, and an attachment altered or missing', async () => {
    // The attachment edited: the pages no longer are its rendering (and verify-file's own checks refuse the edit itself).
    const edited = await readCaseFilePdf(withEditedAttachment(pdf, (text) => text.replace('"outcome": "released"', '"outcome": "refused"')));
    expect(edited.pages).toBe('differ');
    expect((edited.file as CaseFile).summary.outcome).toBe('refused');
    expect((await readCaseFilePdf(withEditedAttachment(pdf, (text) => text.slice(0, -20)))).problem).toMatch(/attachment case-case-pdf-2\.json is not JSON/);
    // No attachment at all: the name tree entry removed.
    expect((await readCaseFilePdf(withoutAttachment(pdf))).problem).toMatch(/embeds no case file/);
    // A page altered (its size: the same length, so every offset still holds), the attachment untouched.
    const page = withAlteredPage(pdf);
    expect(page.equals(pdf)).toBe(false);
    expect(await readCaseFilePdf(page)).toMatchObject({ attachment: 'case-case-pdf-2.json', pages: 'differ' });
  });
});

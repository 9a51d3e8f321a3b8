import type { CaseFile } from './case-file.js';
import { readPdfFile } from './pdf-attachment.js';
import { CASE_FILE_PDF_INFO, CASE_FILE_PDF_LAYOUT, renderCaseFilePdf } from './render-pdf.js';

export const isPdf = (bytes: Buffer): boolean => bytes.subarray(0, 5).toString('latin1') === '%PDF-';

/** What a case file PDF holds for `verify-file`: the JSON case file it embeds, and whether its pages are that file's rendering. */
export interface CaseFilePdf {
  /** The embedded JSON case file, parsed; null when the PDF embeds none that parses (`problem` says why). */
  readonly file: unknown;
  readonly attachment: string | null;
  /**
   * `same`: rendering the embedded file again (same layout, same time zone) gives this very PDF, so
   * its pages say what the verified file says; `differ`: it does not (the pages were altered);
   * `not_compared: …`: the PDF was laid out by another version of the ledger.
   */
  readonly pages: 'same' | 'differ' | `not_compared: ${string}` | null;
  readonly problem?: string;
}

/**
 * Extracts the JSON case file a case-file PDF embeds (an EmbeddedFiles entry, application/json),
 * and renders it again to compare the pages byte for byte: the PDF's bytes depend only on the file,
 * the layout version and the time zone, which the PDF's information dictionary records. Throws
 * `UnreadablePdfError` for a PDF this reader cannot follow.
 */
export async function readCaseFilePdf(pdf: Buffer): Promise<CaseFilePdf> {
  const { attachments, info } = readPdfFile(pdf);
  const json = attachments.filter((attachment) => attachment.mediaType === 'application/json' || attachment.name.endsWith('.json'));
  if (json.length === 0) {
    return { file: null, attachment: null, pages: null, problem: 'the PDF embeds no case file (no JSON attachment): it cannot be checked; export it again from a current ledger, or verify the JSON case file' };
  }
  if (json.length > 1) return { file: null, attachment: null, pages: null, problem: `the PDF embeds ${json.length} JSON files (${json.map((a) => a.name).join(', ')}), where a case file PDF embeds one` };
  const [attachment] = json;
  // A case file, not an event's data: the file's events are read from it by verifyCaseFile.
  const caseFileText = attachment.data.toString('utf8');
  let file: unknown;
  try {
    file = JSON.parse(caseFileText);
  } catch {
    return { file: null, attachment: attachment.name, pages: null, problem: `the PDF's attachment ${attachment.name} is not JSON (it was altered)` };
  }
  const layout = info[CASE_FILE_PDF_INFO.layout];
  if (layout !== CASE_FILE_PDF_LAYOUT) {
    return { file, attachment: attachment.name, pages: `not_compared: the PDF was laid out by ${layout ? `layout ${layout}` : 'an earlier version'}, this verifier renders layout ${CASE_FILE_PDF_LAYOUT}` };
  }
  let again: Buffer;
  try {
    again = await renderCaseFilePdf(file as CaseFile, { timeZone: info[CASE_FILE_PDF_INFO.timeZone] ?? 'UTC' });
  } catch (error) {
    return { file, attachment: attachment.name, pages: 'differ', problem: `the PDF's embedded case file cannot be rendered again (${(error as Error).message})` };
  }
  return { file, attachment: attachment.name, pages: again.equals(pdf) ? 'same' : 'differ' };
}

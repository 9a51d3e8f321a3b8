import type { CaseFile } from './case-file.js';
import { renderCaseFileCsv } from './render-csv.js';
import { renderCaseFileJson } from './render-json.js';
import { type CaseFilePdfOptions, renderCaseFilePdf } from './render-pdf.js';

export async function renderCaseFile(file: CaseFile, format: 'json' | 'csv' | 'pdf', options: CaseFilePdfOptions = {}): Promise<Buffer> {
  if (format === 'pdf') return renderCaseFilePdf(file, options);
  return format === 'csv' ? renderCaseFileCsv(file) : renderCaseFileJson(file);
}

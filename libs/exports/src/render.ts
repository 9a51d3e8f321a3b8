import type { CaseFile } from './case-file.js';
import { renderCaseFileCsv } from './render-csv.js';
import { renderCaseFileJson } from './render-json.js';
import { renderCaseFilePdf } from './render-pdf.js';

export async function renderCaseFile(file: CaseFile, format: 'json' | 'csv' | 'pdf'): Promise<Buffer> {
  if (format === 'pdf') return renderCaseFilePdf(file);
  return format === 'csv' ? renderCaseFileCsv(file) : renderCaseFileJson(file);
}

export * from './stream-chain.js';
export * from './case-file.js';
export * from './case-file-log.js';
export * from './verify-case-file.js';
export * from './case-file-sections.js';
export * from './render-json.js';
export * from './render-csv.js';
export * from './render-pdf.js';
export * from './pdf-attachment.js';
export * from './case-file-pdf.js';
export * from './later-checkpoint.js';

export type CaseFileFormat = 'json' | 'csv' | 'pdf';
export const CASE_FILE_FORMATS: readonly CaseFileFormat[] = ['json', 'csv', 'pdf'];
export const CASE_FILE_MEDIA_TYPES: Readonly<Record<CaseFileFormat, string>> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
};
export * from './render.js';
export * from './case-file-findings.js';

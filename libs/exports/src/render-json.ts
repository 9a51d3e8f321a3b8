import type { CaseFile } from './case-file.js';

export function renderCaseFileJson(file: CaseFile): Buffer {
  return Buffer.from(`${JSON.stringify(file, null, 2)}\n`, 'utf8');
}

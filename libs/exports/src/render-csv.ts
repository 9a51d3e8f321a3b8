import { stringify } from 'csv-stringify/sync';
import type { CaseFile } from './case-file.js';

/** A cell a spreadsheet would run as a formula is prefixed with a quote (CSV injection). */
function cell(value: string | null): string {
  if (value === null) return '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * One row per event of the case stream: the chronology and the hash manifest together, with each
 * event's leaf index in the verifiable log (when the file carries proofs), its chain status and its data (patron pseudonymised or revealed as the file says) as JSON.
 */
export function renderCaseFileCsv(file: CaseFile): Buffer {
  const brokenAt = file.chain.firstBroken ? BigInt(file.chain.firstBroken.revision) : null;
  const byRevision = new Map(file.chronology.map((entry) => [entry.revision, entry]));
  const rows = file.manifest.map((link) => {
    const entry = byRevision.get(link.revision);
    const revision = BigInt(link.revision);
    const chain =
      brokenAt === null || revision < brokenAt ? 'verified' : revision === brokenAt ? `BROKEN: ${file.chain.firstBroken!.reason}` : 'not verified (after a broken link)';
    return [
      file.caseId,
      link.leafIndex === undefined ? '' : String(link.leafIndex),
      link.revision,
      entry?.occurredAt ?? '',
      entry?.recordedAt ?? '',
      link.type,
      cell(entry?.label ?? link.type),
      cell(entry?.by ?? ''),
      cell(entry?.byName ?? ''),
      entry?.role ?? '',
      cell(entry?.detail ?? ''),
      entry?.policyVersion ?? '',
      link.hash ?? '',
      link.prev ?? '',
      chain,
      cell(entry ? JSON.stringify(entry.data) : ''),
    ];
  });
  return Buffer.from(
    stringify(rows, {
      header: true,
      columns: ['caseId', 'leafIndex', 'revision', 'occurredAt', 'recordedAt', 'type', 'label', 'by', 'byName', 'role', 'detail', 'policyVersion', 'hash', 'prev', 'chain', 'data'],
    }),
    'utf8',
  );
}

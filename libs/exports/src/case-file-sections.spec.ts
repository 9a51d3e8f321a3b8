import fc from 'fast-check';
import { buildCaseFile } from './case-file.js';
import type { CaseFileLog } from './case-file-log.js';
import { checkDerivedSections } from './case-file-sections.js';
import { renderCaseFileJson } from './render-json.js';
import { producedCaseHistory } from './testing/produced-case.js';
import { recordedCase } from './testing/recorded-case.js';

const history = producedCaseHistory({ recordsFrom: '2024-01-01T00:00:00.000Z', recordsTo: '2024-06-30T00:00:00.000Z' });
const events = recordedCase('case-sections-1', history);
/** The log section as the export gives it (its proofs are verify-case-file.spec's concern). */
const log = {
  events: events.map((event, i) => ({ eventId: event.id, stream: event.stream, revision: event.revision.toString(), position: event.position.toString(), type: event.type, data: event.data, metadata: event.metadata, leafIndex: i, inclusionProof: [] })),
} as unknown as CaseFileLog;
const people = { 'u-staff': { name: 'Maria Lopez', role: 'staff' }, 'u-director': { name: 'Ann Smith', role: 'director' }, 'u-counsel': { name: 'Jane Doe', role: 'counsel' } };
const file = JSON.parse(
  renderCaseFileJson(
    buildCaseFile({
      caseId: 'case-sections-1',
      events,
      generatedAt: '2025-03-04T09:00:00.000Z',
      preparedFor: 'Jane Doe (counsel)',
      directory: (userId) => people[userId as keyof typeof people] ?? null,
      revealPatronRef: () => 'CARD-0042',
      log,
    }),
  ).toString('utf8'),
) as Record<string, unknown>;

const DERIVED = ['summary', 'evaluation', 'instruments', 'deadlines', 'counselReferrals', 'advice', 'decisions', 'productions', 'warrantExecutions', 'policyVersions', 'chronology', 'manifest'];
const PATRON = new Set(['patron', 'requester', 'identification', 'protectedWords']);

/** Every primitive value in the derived sections (outside the patron's fields), by path. */
function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [path];
  return Object.entries(value).flatMap(([key, inner]) => (PATRON.has(key) ? [] : leaves(inner, [...path, Array.isArray(value) ? Number(key) : key])));
}
const editable = DERIVED.flatMap((section) => leaves(file[section], [section]));

function edited(path: (string | number)[], replacement: unknown): Record<string, unknown> {
  const copy = structuredClone(file);
  let at: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path[path.length - 1]] = replacement;
  return copy;
}

describe('a case file’s readable sections, derived again from its events', () => {
  it('are the file’s own, recordsFrom and recordsTo included', () => {
    expect(checkDerivedSections(file, log)).toEqual({ checked: true, findings: 'not_recomputed' });
    expect(file.productions).toEqual([expect.objectContaining({ recordsFrom: '2024-01-01T00:00:00.000Z', recordsTo: '2024-06-30T00:00:00.000Z' })]);
    expect(editable.length).toBeGreaterThan(50);
  });

  it('any one value edited anywhere in them is refused, and the first difference named by its path', () => {
    fc.assert(
      fc.property(fc.constantFrom(...editable), fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)), (path, replacement) => {
        const original = path.reduce<unknown>((at, key) => (at as Record<string | number, unknown>)[key], file);
        fc.pre(replacement !== original);
        const check = checkDerivedSections(edited(path, replacement), log);
        const shown = path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`)).join('').slice(1);
        expect(check).toEqual({ checked: true, findings: 'not_recomputed', difference: expect.stringContaining(shown) });
      }),
      { numRuns: 300 },
    );
  });

  it('a section removed, or a chronology entry dropped, is refused too', () => {
    const { decisions: _gone, ...withoutDecisions } = file;
    expect(checkDerivedSections({ ...withoutDecisions, decisions: [] }, log)).toEqual({ checked: true, findings: 'not_recomputed', difference: expect.stringMatching(/^decisions\[0\] /) });
    const chronology = (file.chronology as unknown[]).slice(0, -1);
    expect(checkDerivedSections({ ...file, chronology }, log)).toEqual({ checked: true, findings: 'not_recomputed', difference: expect.stringMatching(new RegExp(`^chronology\\[${chronology.length}\\] \\(the file shows nothing`)) });
  });
});

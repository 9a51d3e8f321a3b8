import type { RecordedEvent } from '@ledger/ledger';
import { canonicalJson } from '@ledger/ledger';
import { buildCaseFile, type CaseFile, type CaseFilePerson } from './case-file.js';
import type { CaseFileLog } from './case-file-log.js';
import type { FindingSettings } from './case-file-findings.js';

/**
 * The readable sections of a case file that are derived from its events, in the order they are
 * checked. The file's inputs that are not events — who it was prepared for, the names of people,
 * the findings of the views — are taken from the file itself.
 */
const DERIVED_SECTIONS = [
  'summary',
  'evaluation',
  'instruments',
  'deadlines',
  'counselReferrals',
  'advice',
  'decisions',
  'productions',
  'warrantExecutions',
  'policyVersions',
  'chronology',
  'manifest',
] as const;

/**
 * Fields that show the patron: the clear reference and the patron's own words are decrypted by the
 * ledger with keys a file never carries, so they cannot be derived offline; they are left out of
 * the comparison on both sides (the events they come from are still re-hashed and proven).
 */
const PATRON_FIELDS = new Set(['patron', 'requester', 'identification', 'protectedWords']);

export type SectionsCheck =
  | {
      readonly checked: true;
      readonly difference?: string;
      /** Whether the findings that rest on the case's events were derived again (the file carries `findingSettings`). */
      readonly findings: 'checked' | 'not_recomputed';
    }
  | { readonly checked: false; readonly reason: string };

/**
 * Derives the file's readable sections again from the stored event bytes its log section carries,
 * with the code the export uses (`buildCaseFile`), and names the first place where the file's
 * sections differ. Run after the events themselves are verified (chain, inclusion, completeness).
 */
export function checkDerivedSections(file: Record<string, unknown>, log: CaseFileLog): SectionsCheck {
  if (!DERIVED_SECTIONS.every((section) => section in file)) return { checked: false, reason: 'the file has no readable sections' };
  if (log.events.some((event) => event.data === null)) {
    return { checked: false, reason: 'the file withholds the stored data of events that would name the patron, so its sections cannot be derived again from it' };
  }
  const people = (file.people ?? {}) as Record<string, CaseFilePerson>;
  const events: RecordedEvent[] = log.events.map((event) => ({
    id: event.eventId,
    stream: event.stream,
    revision: BigInt(event.revision),
    position: BigInt(event.position),
    type: event.type,
    data: event.data!,
    metadata: event.metadata,
    recordedAt: new Date(0),
  }));
  const findingSettings = findingSettingsOf(file.findingSettings);
  if (findingSettings === 'malformed') return { checked: true, findings: 'not_recomputed', difference: 'findingSettings are not two positive whole numbers (referralSlaMinutes, counselSlaHours)' };
  const findings = 'findingSettings' in file ? 'checked' : 'not_recomputed';
  let derived: CaseFile;
  try {
    derived = buildCaseFile({
      caseId: String(file.caseId),
      events,
      generatedAt: String(file.generatedAt),
      preparedFor: String(file.preparedFor),
      directory: (userId) => (Object.hasOwn(people, userId) ? people[userId] : null),
      log,
      // The findings found on other streams are the file's own (`buildCaseFile` keeps only those).
      ...(findingSettings && { findingSettings, findings: Array.isArray(file.findings) ? (file.findings as CaseFile['findings']) : [] }),
    });
  } catch (error) {
    return { checked: true, findings, difference: `its events do not make a case file: ${(error as Error).message}` };
  }
  // As the file crossed JSON: no undefined fields, no Dates.
  const expected = JSON.parse(JSON.stringify(derived)) as Record<string, unknown>;
  for (const section of [...DERIVED_SECTIONS, ...(findingSettings ? (['findings'] as const) : [])]) {
    const difference = firstDifference(withoutPatron(file[section]), withoutPatron(expected[section]), section);
    if (difference) return { checked: true, findings, difference };
  }
  return { checked: true, findings };
}

/** The file's finding settings; null when it has none (a file made before they were carried). */
function findingSettingsOf(value: unknown): FindingSettings | null | 'malformed' {
  if (value === undefined) return null;
  if (value === null || typeof value !== 'object') return 'malformed';
  const settings: Partial<Record<keyof FindingSettings, unknown>> = value;
  const positive = (n: unknown) => Number.isSafeInteger(n) && (n as number) > 0;
  if (!positive(settings.referralSlaMinutes) || !positive(settings.counselSlaHours)) return 'malformed';
  return { referralSlaMinutes: settings.referralSlaMinutes as number, counselSlaHours: settings.counselSlaHours as number };
}

function withoutPatron(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPatron);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !PATRON_FIELDS.has(key)).map(([key, inner]) => [key, withoutPatron(inner)]));
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined) return a === b;
  return canonicalJson(a) === canonicalJson(b);
}

/** The path of the first place where `shown` differs from `derived`, or null. */
function firstDifference(shown: unknown, derived: unknown, path: string): string | null {
  // Compared as RFC 8785 canonical JSON: what the file says, whatever the order of its keys.
  if (sameJson(shown, derived)) return null;
  if (Array.isArray(shown) && Array.isArray(derived)) {
    for (let i = 0; i < Math.max(shown.length, derived.length); i++) {
      const inner = firstDifference(shown[i], derived[i], `${path}[${i}]`);
      if (inner) return inner;
    }
  } else if (shown && derived && typeof shown === 'object' && typeof derived === 'object' && !Array.isArray(shown) && !Array.isArray(derived)) {
    const keys = [...new Set([...Object.keys(derived), ...Object.keys(shown)])];
    for (const key of keys) {
      const inner = firstDifference((shown as Record<string, unknown>)[key], (derived as Record<string, unknown>)[key], `${path}.${key}`);
      if (inner) return inner;
    }
  }
  return `${path} (the file shows ${JSON.stringify(shown) ?? 'nothing'}, its events give ${JSON.stringify(derived) ?? 'nothing'})`;
}

import { capitalised, vocabularyLabel, type VocabularyGroup } from '@ledger/domain';

/** A code in the domain's words, capitalised as a label stands on a page; `—` for no value. */
export function label(group: VocabularyGroup, value: string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return capitalised(vocabularyLabel(group, value));
}

/** A case's outcome in words; a case without one yet is "Open", in the register's column and the statistics' series alike. */
export function outcomeLabel(outcome: string | null | undefined): string {
  return outcome ? label('outcome', outcome) : 'Open';
}

/** `2026-03-01T14:05:00.000Z` → `1 Mar 2026, 14:05 UTC`: one unambiguous form everywhere. */
export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][date.getUTCMonth()];
  const time = `${String(date.getUTCHours()).padStart(2, '0')}:${String(date.getUTCMinutes()).padStart(2, '0')}`;
  return `${date.getUTCDate()} ${month} ${date.getUTCFullYear()}, ${time} UTC`;
}

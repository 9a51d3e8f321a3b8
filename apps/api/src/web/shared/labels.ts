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

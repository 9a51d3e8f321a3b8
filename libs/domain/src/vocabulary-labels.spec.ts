import { capitalised, VOCABULARY_LABELS, type VocabularyGroup, vocabularyLabel, vocabularyList } from './vocabulary-labels.js';
import {
  ATTACHMENT_KINDS,
  CASE_STATUSES,
  CATEGORIES,
  CHANNELS,
  COUNSEL_ADVICE,
  FINDING_SEVERITIES,
  IDENTIFICATION_KINDS,
  INSTRUMENT_TYPES,
  MEASURED_ACTS,
  NONDISCLOSURE_ENDINGS,
  SUBJECT_KINDS,
  OUTCOMES,
  RELEASE_DECISIONS,
  RELEASE_METHODS,
  REQUESTER_KINDS,
  ROLES,
  ROUTES,
} from './vocabulary.js';

const VOCABULARY: Record<VocabularyGroup, readonly string[]> = {
  requesterKind: REQUESTER_KINDS,
  attachmentKind: ATTACHMENT_KINDS,
  channel: CHANNELS,
  identification: IDENTIFICATION_KINDS,
  category: CATEGORIES,
  instrumentType: INSTRUMENT_TYPES,
  status: CASE_STATUSES,
  outcome: OUTCOMES,
  method: RELEASE_METHODS,
  role: ROLES,
  advice: COUNSEL_ADVICE,
  decision: RELEASE_DECISIONS,
  route: ROUTES,
  severity: FINDING_SEVERITIES,
  measuredAct: MEASURED_ACTS,
  nondisclosureEnding: NONDISCLOSURE_ENDINGS,
  subjectKind: SUBJECT_KINDS,
};

describe('the vocabulary’s words', () => {
  it('give every code of every vocabulary words of its own, in lower case so that they sit inside a sentence', () => {
    for (const [group, codes] of Object.entries(VOCABULARY) as [VocabularyGroup, readonly string[]][]) {
      expect(Object.keys(VOCABULARY_LABELS[group]).sort()).toEqual([...codes].sort());
      for (const code of codes) {
        const words = vocabularyLabel(group, code);
        expect(words).not.toMatch(/_/);
        expect(words[0]).toBe(words[0].toLowerCase());
      }
    }
  });

  it('show a code the table does not know yet with spaces, not hidden', () => {
    expect(vocabularyLabel('category', 'genealogy_records')).toBe('genealogy records');
  });

  it('list codes in their order and start a line with a capital', () => {
    expect(vocabularyList('category', ['circulation_history', 'holds'])).toBe('borrowing history, holds');
    expect(capitalised(vocabularyLabel('requesterKind', 'law_enforcement'))).toBe('Law enforcement');
    expect(capitalised('')).toBe('');
  });
});

import { normalisedTerm } from './case-search.projection.js';

describe('the terms a case is searched by', () => {
  it('compares docket numbers without case, spaces or punctuation, and names without case or accents, word by word', () => {
    expect(normalisedTerm('docket', 'HHD-CR25-0012345')).toBe(normalisedTerm('docket', 'hhd cr25 0012345'));
    expect(normalisedTerm('docket', ' cv.24/0117 ')).toBe('cv240117');
    expect(normalisedTerm('requester', 'José  GARCÍA-López')).toBe('jose garcia lopez');
    expect(normalisedTerm('requester', 'Det. Kim')).not.toBe(normalisedTerm('requester', 'Det. Kimball'));
    expect(normalisedTerm('requester', '  ...  ')).toBe('');
  });
});

import { normalizePersonName } from './patron.state.js';

describe('normalizePersonName', () => {
  it('compares names after NFKC, trimming, collapsing inner whitespace and case-folding', () => {
    expect(normalizePersonName('  ÅSA \u00a0 Öberg ')).toBe('åsa öberg');
    expect(normalizePersonName('Ａｎｎ\tLEE')).toBe('ann lee');
    expect(normalizePersonName('İlkay')).toBe(normalizePersonName('i\u0307lkay'));
  });

  it('case-folds every character as en-US does, without looking the locale up per call', () => {
    const differing: string[] = [];
    // The Basic Multilingual Plane holds every character with a language-specific case rule (SpecialCasing.txt).
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCodePoint(code);
      if (char.toLowerCase() !== char.toLocaleLowerCase('en-US')) differing.push(code.toString(16));
    }
    expect(differing).toEqual([]);
  });
});

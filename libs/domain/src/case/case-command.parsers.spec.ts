import { InvalidCommand } from '../shared/errors.js';
import { IDENTIFICATIONS_MAX, NAME_MAX, TEXT_MAX } from '../shared/field-limits.js';
import { PolicyViolation } from '../shared/errors.js';
import { given, openCase, openLawEnforcementCase, refuse, director, wellnessCheck } from '../testing/case-fixtures.js';
import { parseOpenCase, parseRecordWellnessCheck, parseRefuseRequest } from './case-command.parsers.js';

const fieldOf = (thrown: () => unknown): string | undefined => {
  try {
    thrown();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidCommand);
    return (error as InvalidCommand).field;
  }
  return undefined;
};

describe('case command parsers (shape, apart from the policy)', () => {
  it('hold a name to NAME_MAX code points: at the limit it parses, one more is refused naming the field', () => {
    expect(fieldOf(() => parseOpenCase(openCase({ name: '🙂'.repeat(NAME_MAX) })))).toBeUndefined();
    expect(fieldOf(() => parseOpenCase(openCase({ name: 'x'.repeat(NAME_MAX + 1) })))).toBe('requester.name');
  });

  it('hold free text to TEXT_MAX and a list of identification to IDENTIFICATIONS_MAX', () => {
    expect(fieldOf(() => parseRefuseRequest({ ...refuse(director), reason: 'x'.repeat(TEXT_MAX) }))).toBeUndefined();
    expect(fieldOf(() => parseRefuseRequest({ ...refuse(director), reason: 'x'.repeat(TEXT_MAX + 1) }))).toBe('reason');
    const ids = Array.from({ length: IDENTIFICATIONS_MAX + 1 }, () => 'library_card' as const);
    expect(fieldOf(() => parseOpenCase(openCase({ ids })))).toBe('identification');
  });

  it('return the protected patron, an unknown minority counting as an adult', () => {
    const { isMinor: _unknown, ...patron } = openCase().patron!;
    expect(parseOpenCase({ ...openCase(), patron }).patron?.isMinor).toBe(false);
  });

  it('run before any rule: a malformed wellness check is a 400 even when it names no immediate threat', () => {
    const malformed = { ...wellnessCheck(['name']), immediateThreat: false, concern: '' };
    expect(fieldOf(() => parseRecordWellnessCheck(malformed))).toBe('concern');
    expect(given().when(malformed).error).toBeInstanceOf(InvalidCommand);
    expect(given().when({ ...wellnessCheck(['name']), immediateThreat: false }).error).toBeInstanceOf(PolicyViolation);
  });

  it('leave the deciding to the decider: a well-formed command parses whatever the case', () => {
    expect(fieldOf(() => parseRefuseRequest(refuse(director)))).toBeUndefined();
    expect(given(openLawEnforcementCase()).when(refuse(director)).error).toBeUndefined();
  });
});

import { NAME_MAX, PATRON_REF_MAX, TEXT_MAX } from '@ledger/domain';
import { OpenCaseRequestDto } from '../../cases/open-case/open-case.request.dto.js';
import { FIELD_MESSAGES, localDay, NOT_A_DATE, upTo, validateAs } from './web-form.js';

describe('web form messages', () => {
  it('say a limit as the domain’s field limits do, in digits a reader can take in', () => {
    expect(upTo(TEXT_MAX)).toBe(`up to ${TEXT_MAX.toLocaleString('en-US')} characters`);
    expect(upTo(4000)).toBe('up to 4,000 characters');
  });

  it('name only limits the request DTOs check (field-limits.ts), never a number of their own', () => {
    const limits = new Set([NAME_MAX, TEXT_MAX, PATRON_REF_MAX].map(upTo));
    const named = Object.values(FIELD_MESSAGES).flatMap((message) => message.match(/up to [\d,]+ characters/g) ?? []);
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((limit) => !limits.has(limit))).toEqual([]);
  });

  it('answer a name one character too long with the limit the DTO refused it at', async () => {
    const tooLong = { requester: { kind: 'law_enforcement', name: 'x'.repeat(NAME_MAX + 1) }, channel: 'in_person', patron: { ref: 'P-1' }, requestedCategories: ['name'] };
    const result = await validateAs(OpenCaseRequestDto, tooLong);
    expect('errors' in result && result.errors.byField['requester.name']).toBe(`Enter the name of the person asking (${upTo(NAME_MAX)})`);
    const justRight = await validateAs(OpenCaseRequestDto, { ...tooLong, requester: { ...tooLong.requester, name: 'x'.repeat(NAME_MAX) } });
    expect('errors' in justRight && justRight.errors.byField['requester.name']).toBeFalsy();
  });
});

describe('a calendar day typed in a GOV.UK date input', () => {
  it('is read box by box as YYYY-MM-DD, or from one field as posted; all boxes blank is no day', () => {
    expect(localDay({ 'period.from-day': '3', 'period.from-month': '3', 'period.from-year': '2026' }, 'period.from')).toBe('2026-03-03');
    expect(localDay({ 'period.from': '2026-03-03' }, 'period.from')).toBe('2026-03-03');
    expect(localDay({ 'period.from-day': ' ', 'period.from-month': '', 'period.from-year': '' }, 'period.from')).toBeUndefined();
  });

  it('is not a day when it names none (31 February, letters, a missing box)', () => {
    expect(localDay({ 'd-day': '31', 'd-month': '2', 'd-year': '2026' }, 'd')).toBe(NOT_A_DATE);
    expect(localDay({ 'd-day': 'one', 'd-month': '2', 'd-year': '2026' }, 'd')).toBe(NOT_A_DATE);
    expect(localDay({ 'd-day': '1', 'd-year': '2026' }, 'd')).toBe(NOT_A_DATE);
  });
});

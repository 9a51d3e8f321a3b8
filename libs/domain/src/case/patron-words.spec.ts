import { given, openCase } from '../testing/case-fixtures.js';
import { InvalidCommand } from '../shared/errors.js';
import { PROTECTED_REQUESTER_NAME, type DisclosureRequested } from './case.events.js';
import { requestWords } from './patron-words.js';

const opened = (events: readonly { type: string }[]) => events.find((event) => event.type === 'DisclosureRequested') as DisclosureRequested;
/** Stands in for the key store: "ciphertexts" are the words reversed; a shredded key opens nothing. */
const reveal = (ciphertext: string) => [...ciphertext].reverse().join('');
const shredded = () => null;

describe("a patron-requester's own words", () => {
  const asking = openCase({ name: 'Ann Lee', identification: [{ kind: 'library_card' }, { kind: 'photo_id', detail: 'CT-DL-1' }] });
  const protectedWords = { requesterName: reveal('Ann Lee'), identificationDetails: [null, reveal('CT-DL-1')] };

  it('given the ledger protected them, when the case opens, then the event holds only the ciphertexts (and the evaluation read the clear words)', () => {
    const { history } = given({ ...asking, protectedWords });
    const { data } = opened(history);
    expect(data.requester).toEqual({ kind: 'patron', name: PROTECTED_REQUESTER_NAME });
    expect(data.identification).toEqual([{ kind: 'library_card' }, { kind: 'photo_id' }]);
    expect(data.protectedWords).toEqual(protectedWords);
    expect(JSON.stringify(data)).not.toMatch(/Ann Lee|CT-DL-1/);
    expect(data.evaluation.route).toBe('staff_may_release');
  });

  it('then a reader with the key reads them, one without reads no name, and after a shred nobody does', () => {
    const { data } = opened(given({ ...asking, protectedWords }).history);
    expect(requestWords(data, reveal)).toEqual({ requesterName: 'Ann Lee', identification: [{ kind: 'library_card' }, { kind: 'photo_id', detail: 'CT-DL-1' }] });
    expect(requestWords(data, null)).toEqual({ requesterName: null, identification: [{ kind: 'library_card' }, { kind: 'photo_id' }] });
    expect(requestWords(data, shredded)).toEqual({ requesterName: null, identification: [{ kind: 'library_card' }, { kind: 'photo_id' }] });
  });

  it('given an event recorded before (words in clear), then it reads as it always did', () => {
    const { data } = opened(given(asking).history);
    expect(data).not.toHaveProperty('protectedWords');
    expect(requestWords(data, null)).toEqual({ requesterName: 'Ann Lee', identification: [{ kind: 'library_card' }, { kind: 'photo_id', detail: 'CT-DL-1' }] });
  });

  it('refuses ciphertexts that do not stand for the words given, and protection of anyone but the patron', () => {
    expect(given().when({ ...asking, protectedWords: { ...protectedWords, identificationDetails: [reveal('CT-DL-1')] } }).error).toBeInstanceOf(InvalidCommand);
    expect(given().when({ ...asking, protectedWords: { ...protectedWords, identificationDetails: [reveal('x'), reveal('CT-DL-1')] } }).error).toBeInstanceOf(InvalidCommand);
    const family = openCase({ kind: 'family_or_friend', name: 'Bram', purpose: 'holds' });
    expect(given().when({ ...family, protectedWords: { requesterName: 'x', identificationDetails: [null] } }).error).toBeInstanceOf(InvalidCommand);
  });
});

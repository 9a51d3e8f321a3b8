/**
 * Requests about a resource or a transaction (third reading, issue #25 item 6): "who used public
 * computer 4 between 3 and 4 pm". No patron at the desk; the Director attaches the patrons found; a
 * production names whose records went out.
 */
import type { AttachPatrons, OpenCase } from './case.commands.js';
import {
  adviseCounsel,
  decideRelease,
  designee,
  director,
  given,
  openCase,
  patronInput,
  produce,
  recordInstrument,
  referToCounsel,
  referToDirector,
  staff,
} from '../testing/case-fixtures.js';
import { whatMayBeShown } from './what-may-be-shown.js';
import { patronsOfCase } from './case.state.js';

const subject = { kind: 'resource', description: 'Public computer 4', from: '2025-03-03T15:00:00.000Z', to: '2025-03-03T16:00:00.000Z' } as const;

function openAboutComputer(overrides: Partial<OpenCase> = {}): OpenCase {
  const { patron: _none, ...request } = openCase({
    kind: 'law_enforcement',
    name: 'Det. Kim',
    ids: ['officer_credentials'],
    requestedCategories: ['computer_sessions', 'name'],
  });
  return { ...request, subject, ...overrides };
}

const ann = { blindIndex: 'bi-ann', pseudonym: 'P-ANN', encryptedRef: 'enc:ann' };
const bob = { blindIndex: 'bi-bob', pseudonym: 'P-BOB', encryptedRef: 'enc:bob' };
const attach = (patrons: AttachPatrons['patrons'], actor = director): AttachPatrons => ({
  type: 'AttachPatrons',
  caseId: 'case-1',
  actor,
  occurredAt: '2025-03-03T11:00:00.000Z',
  recordedAt: '2025-03-03T12:00:00.000Z',
  patrons,
});

describe('opening a request about a resource or a transaction', () => {
  it('given a subject instead of a patron, when it is opened, then the event names the subject and no patron, and the route is refer_to_director', () => {
    const outcome = given().when(openAboutComputer());
    expect(outcome.error).toBeUndefined();
    expect(outcome.events[0]).toMatchObject({ type: 'DisclosureRequested', data: { subject, requestedCategories: ['name', 'computer_sessions'], evaluation: { route: 'refer_to_director', permittedCategories: [] } } });
    expect(outcome.events[0].data).not.toHaveProperty('patron');
    expect(outcome.state).toMatchObject({ subject, route: 'refer_to_director' });
    if (!outcome.state.exists) throw new Error('no case');
    expect(patronsOfCase(outcome.state)).toEqual([]);
  });

  it('goes to the Director whoever asks: a patron asking who used a computer is permitted nothing, and no permitting rule is recorded', () => {
    const outcome = given().when(openAboutComputer({ requester: { kind: 'patron', name: 'Ann Lee' }, identification: [{ kind: 'photo_id' }] }));
    expect(outcome.events[0]).toMatchObject({ data: { evaluation: { route: 'refer_to_director', permittedCategories: [] } } });
    const data = outcome.events[0].data as unknown as { evaluation: { rules: { effect: string }[] } };
    expect(data.evaluation.rules.filter((rule) => rule.effect === 'permit')).toEqual([]);
  });

  it('refuses both a patron and a subject, and neither (400), and a subject malformed', () => {
    expect(given().when({ ...openAboutComputer(), patron: patronInput }).error).toMatchObject({ kind: 'invalid', field: 'subject' });
    const { subject: _none, ...neither } = openAboutComputer();
    expect(given().when(neither).error).toMatchObject({ kind: 'invalid', field: 'patron' });
    expect(given().when(openAboutComputer({ subject: { ...subject, kind: 'room' as never } })).error).toMatchObject({ kind: 'invalid', field: 'subject.kind' });
    expect(given().when(openAboutComputer({ subject: { ...subject, from: subject.to, to: subject.from } })).error).toMatchObject({ kind: 'invalid', field: 'subject.from' });
  });

  it('is shown like any case: whatMayBeShown needs no patron', () => {
    const { state } = given(openAboutComputer());
    if (!state.exists) throw new Error('no case');
    expect(whatMayBeShown({ userId: 'u-auditor', role: 'auditor', isActiveDesignee: false }, state)).toBe('pseudonymised');
    expect(whatMayBeShown({ patronFacing: true }, state)).toBe('full');
  });
});

describe('attaching the patrons found', () => {
  it('given a request about a computer, when the Director (or a designee) attaches the patrons found, then each is on the case once', () => {
    const once = given(openAboutComputer(), referToDirector()).when(attach([ann, bob, ann]));
    expect(once.error).toBeUndefined();
    expect(once.events).toEqual([{ type: 'PatronsAttached', data: expect.objectContaining({ patrons: [{ ...ann, isMinor: false }, { ...bob, isMinor: false }] }) }]);
    const again = given(openAboutComputer(), referToDirector(), attach([ann])).when(attach([ann, bob], designee));
    expect(again.events).toEqual([{ type: 'PatronsAttached', data: expect.objectContaining({ patrons: [{ ...bob, isMinor: false }] }) }]);
    if (!again.state.exists) throw new Error('no case');
    expect(patronsOfCase(again.state).map((patron) => patron.pseudonym)).toEqual(['P-ANN', 'P-BOB']);
  });

  it('refuses staff without powers (403), a case that names its patron and patrons already attached (409), and a malformed list (400)', () => {
    expect(given(openAboutComputer()).when(attach([ann], staff)).error).toMatchObject({ kind: 'forbidden', rule: 'LE-DIRECTOR-ONLY' });
    expect(given(openCase({ kind: 'law_enforcement', name: 'Det. Kim', ids: ['officer_credentials'] })).when(attach([ann])).error).toMatchObject({ kind: 'state' });
    expect(given(openAboutComputer(), attach([ann])).when(attach([ann])).error).toMatchObject({ kind: 'state' });
    expect(given(openAboutComputer()).when(attach([])).error).toMatchObject({ kind: 'invalid', field: 'patrons' });
    expect(given(openAboutComputer()).when(attach([{ ...ann, blindIndex: '' }])).error).toMatchObject({ kind: 'invalid', field: 'patron.blindIndex' });
  });
});

describe('a production names whose records went out', () => {
  const decided = (...patrons: (typeof ann)[]) =>
    given(
      openAboutComputer(),
      referToDirector(),
      ...(patrons.length > 0 ? [attach(patrons)] : []),
      recordInstrument(['computer_sessions', 'name']),
      referToCounsel(),
      adviseCounsel('comply'),
      decideRelease('release'),
    );

  it('given patrons attached, when records are produced naming one of them, then the production records that pseudonym', () => {
    const outcome = decided(ann, bob).when({ ...produce(['computer_sessions']), patrons: ['P-ANN'] });
    expect(outcome.error).toBeUndefined();
    expect(outcome.events[0]).toMatchObject({ type: 'RecordsProduced', data: { patronPseudonyms: ['P-ANN'] } });
  });

  it('refuses a production that names no attached patron, or one not attached (400); a case that names its patron takes no list', () => {
    expect(decided(ann).when(produce(['computer_sessions'])).error).toMatchObject({ kind: 'invalid', field: 'patrons' });
    expect(decided(ann).when({ ...produce(['computer_sessions']), patrons: ['P-EVE'] }).error).toMatchObject({ kind: 'invalid', field: 'patrons' });
    // A card number given where a pseudonym belongs is not repeated back in the refusal.
    const mistaken = decided(ann).when({ ...produce(['computer_sessions']), patrons: ['P-ANN', '21000004455667'] }).error;
    expect(mistaken).toMatchObject({ kind: 'invalid', field: 'patrons', message: expect.stringContaining('1 of the patrons named') });
    expect(String((mistaken as Error).message)).not.toContain('21000004455667');
    const patronCase = given(
      openCase({ kind: 'law_enforcement', name: 'Det. Kim', ids: ['officer_credentials'], requestedCategories: ['name'] }),
      referToDirector(),
      recordInstrument(['name']),
      referToCounsel(),
      adviseCounsel('comply'),
      decideRelease('release'),
    );
    expect(patronCase.when({ ...produce(['name']), patrons: ['P-7Q2K'] }).error).toMatchObject({ kind: 'invalid', field: 'patrons' });
    expect(patronCase.when(produce(['name'])).error).toBeUndefined();
  });
});

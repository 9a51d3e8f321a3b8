/**
 * Notes and attachments (issue #32 item 7): written by those on the case, sealed with it, and an
 * attachment names what it is a scan of.
 */
import { ForbiddenByPolicy, InvalidCommand, NotFound } from '../shared/errors.js';
import { ATTACHMENT_BYTES_MAX } from '../shared/field-limits.js';
import {
  addAttachment,
  addNote,
  auditor,
  counsel,
  designee,
  director,
  given,
  grantNeedToKnow,
  NOW,
  openLawEnforcementCase,
  otherCounsel,
  recordInstrument,
  referToCounsel,
  referToDirector,
  staff,
} from '../testing/case-fixtures.js';

const otherStaff = { userId: 'u-other', role: 'staff', isActiveDesignee: false } as const;
const withSubpoena = (nondisclosureOrder = false) => given(openLawEnforcementCase(), referToDirector(), recordInstrument(['name'], { nondisclosureOrder }), referToCounsel());
const ruleOf = (error: unknown) => (error instanceof ForbiddenByPolicy ? error.rule : error);

describe('notes on a case', () => {
  it.each([
    ['the staff member who opened it', staff],
    ['the director', director],
    ['an active designee', designee],
    ['the counsel it is referred to', counsel],
  ] as const)('given a case, when %s adds a note, then it is recorded in full with its author and time', (_who, actor) => {
    const outcome = withSubpoena().when(addNote(actor, 'Return date may move to the 20th.'));
    expect(outcome.error).toBeUndefined();
    expect(outcome.events).toEqual([{ type: 'CaseNoteAdded', data: { caseId: 'case-1', occurredAt: NOW, by: actor.userId, noteId: 'note-1', text: 'Return date may move to the 20th.' } }]);
    expect(outcome.state).toMatchObject({ notes: [{ noteId: 'note-1', text: 'Return date may move to the 20th.', by: actor.userId, at: NOW }], status: 'awaiting_counsel' });
  });

  it.each([
    ['another staff member', otherStaff],
    ['counsel it is not referred to', otherCounsel],
    ['an auditor', auditor],
  ] as const)('given a case, when %s adds a note, then ROLE-NOT-PERMITTED and nothing is recorded', (_who, actor) => {
    const outcome = withSubpoena().when(addNote(actor));
    expect(ruleOf(outcome.error)).toBe('ROLE-NOT-PERMITTED');
    expect(outcome.events).toEqual([]);
  });

  it('given a case under a non-disclosure order, when its opener adds a note, then SEALED; a user granted need-to-know may', () => {
    expect(ruleOf(withSubpoena(true).when(addNote(staff)).error)).toBe('SEALED');
    const granted = given(openLawEnforcementCase(), referToDirector(), recordInstrument(['name'], { nondisclosureOrder: true }), { command: grantNeedToKnow(otherStaff.userId), context: { grantee: { userId: otherStaff.userId, role: 'staff' } } });
    expect(granted.when(addNote(otherStaff)).error).toBeUndefined();
  });

  it('given a case, when a note is empty or too long, then it is refused as invalid', () => {
    expect(withSubpoena().when(addNote(staff, '')).error).toBeInstanceOf(InvalidCommand);
    expect(withSubpoena().when(addNote(staff, 'x'.repeat(4001))).error).toBeInstanceOf(InvalidCommand);
  });
});

describe('attachments', () => {
  it('given a case with an instrument, when the director attaches its scan, then the event records name, type, size and hash', () => {
    const outcome = withSubpoena().when(addAttachment(director));
    expect(outcome.error).toBeUndefined();
    expect(outcome.events).toEqual([
      {
        type: 'AttachmentAdded',
        data: { caseId: 'case-1', occurredAt: NOW, by: director.userId, attachmentId: 'att-1', kind: 'instrument', instrumentId: 'ins-1', filename: 'subpoena.pdf', mediaType: 'application/pdf', size: 2048, sha256: 'a'.repeat(64) },
      },
    ]);
    expect(outcome.state).toMatchObject({ attachments: [{ attachmentId: 'att-1', kind: 'instrument', instrumentId: 'ins-1', by: director.userId, at: NOW }] });
  });

  it('given a case, when a scan names no instrument, another case\'s instrument, or a consent names one, then it is refused', () => {
    expect(withSubpoena().when(addAttachment(director, { instrumentId: undefined })).error).toBeInstanceOf(InvalidCommand);
    expect(withSubpoena().when(addAttachment(director, { instrumentId: 'ins-elsewhere' })).error).toBeInstanceOf(NotFound);
    expect(withSubpoena().when(addAttachment(director, { kind: 'consent' })).error).toBeInstanceOf(InvalidCommand);
    expect(withSubpoena().when(addAttachment(director, { kind: 'consent', instrumentId: undefined, mediaType: 'image/png' })).error).toBeUndefined();
  });

  it('given a case, when the size, hash or media type is not one the ledger keeps, then it is refused as invalid', () => {
    for (const overrides of [{ size: 0 }, { size: ATTACHMENT_BYTES_MAX + 1 }, { sha256: 'not-a-digest' }, { mediaType: 'text/html' as never }, { filename: '' }]) {
      expect(withSubpoena().when(addAttachment(director, overrides)).error).toBeInstanceOf(InvalidCommand);
    }
  });

  it('given a sealed case, when someone it does not name attaches, then SEALED; an outsider to an open case, ROLE-NOT-PERMITTED', () => {
    expect(ruleOf(withSubpoena(true).when(addAttachment(staff)).error)).toBe('SEALED');
    expect(ruleOf(withSubpoena().when(addAttachment(otherStaff)).error)).toBe('ROLE-NOT-PERMITTED');
  });
});

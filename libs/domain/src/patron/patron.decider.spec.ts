import { CaseStateConflict, InvalidCommand, NotFound } from '../shared/errors.js';
import type { Actor } from '../policy/actor.js';
import type { PatronCommand } from './patron.commands.js';
import type { PatronEvent } from './patron.events.js';
import { decidePatron } from './patron.decider.js';
import { consentsNaming, evolvePatron, initialPatronState, isConsentActive, type PatronState } from './patron.state.js';

const staff: Actor = { userId: 'u-staff', role: 'staff', isActiveDesignee: false };
const base = { patron: { blindIndex: 'bi-1', pseudonym: 'P-1' }, actor: staff, occurredAt: '2025-03-01T10:00:00Z', recordedAt: '2025-03-01T10:00:05Z' };
const lost: PatronCommand = { type: 'ReportCardLost', ...base };
const replaced: PatronCommand = { type: 'ReportCardReplaced', ...base };
const consent = (extra: Partial<Extract<PatronCommand, { type: 'GiveWrittenConsent' }>> = {}): PatronCommand => ({
  type: 'GiveWrittenConsent',
  ...base,
  consentId: 'c-1',
  grantee: ' Bo Chen ',
  categories: ['holds', 'checkouts'],
  documentSha256: 'ab'.repeat(32),
  identification: 'photo_id',
  ...extra,
});
const revoke: PatronCommand = { type: 'RevokeWrittenConsent', ...base, consentId: 'c-1' };

function given(...commands: PatronCommand[]): { state: PatronState; when: (command: PatronCommand) => { events: PatronEvent[]; state: PatronState; error?: unknown } } {
  const state = commands.reduce((current, command) => decidePatron(command, current).reduce(evolvePatron, current), initialPatronState);
  return {
    state,
    when(command) {
      try {
        const events = decidePatron(command, state);
        return { events, state: events.reduce(evolvePatron, state) };
      } catch (error) {
        return { events: [], state, error };
      }
    },
  };
}

describe('patron decider', () => {
  it('a card reported lost stays lost until replaced', () => {
    expect(given().when(lost).state.cardReportedLost).toBe(true);
    expect(given(lost).when(replaced).state.cardReportedLost).toBe(false);
    expect(given().when(replaced).error).toBeInstanceOf(CaseStateConflict);
  });

  it('records a written consent with the trimmed grantee and its categories in vocabulary order', () => {
    const { events } = given().when(consent({ expiresAt: '2025-06-01T00:00:00Z', documentSha256: 'ab'.repeat(32) }));
    expect(events).toEqual([
      {
        type: 'WrittenConsentGiven',
        data: {
          blindIndex: 'bi-1',
          pseudonym: 'P-1',
          occurredAt: base.occurredAt,
          by: staff.userId,
          consentId: 'c-1',
          grantee: 'Bo Chen',
          categories: ['checkouts', 'holds'],
          expiresAt: '2025-06-01T00:00:00Z',
          documentSha256: 'ab'.repeat(32),
          identification: 'photo_id',
        },
      },
    ]);
  });

  it('CONSENT-PROOF: the signed form\u2019s hash, the patron identified, a minor\u2019s guardian co-signing; a lost card identifies no one', () => {
    const refusedFor = (command: PatronCommand, ...before: PatronCommand[]) => (given(...before).when(command).error as { rule?: string } | undefined)?.rule;
    expect(refusedFor(consent({ documentSha256: undefined }))).toBe('CONSENT-PROOF');
    expect(refusedFor(consent({ identification: undefined }))).toBe('CONSENT-PROOF');
    expect(refusedFor(consent({ minor: true }))).toBe('CONSENT-PROOF');
    expect(refusedFor(consent({ identification: 'card_with_signature_on_file' }), lost)).toBe('CONSENT-PROOF');
    expect(given().when(consent({ documentSha256: 'AB'.repeat(32) })).error).toMatchObject({ field: 'documentSha256' });
    expect(given().when(consent({ identification: 'account_login' as never })).error).toMatchObject({ field: 'identification' });
    const minor = given().when(consent({ minor: true, guardianIdentification: 'photo_id', identification: 'card_with_signature_on_file' }));
    expect(minor.events[0]!.data).toMatchObject({ identification: 'card_with_signature_on_file', minor: true, guardianIdentification: 'photo_id' });
    // An adult's consent records no guardian, whatever was sent.
    expect(given().when(consent({ guardianIdentification: 'photo_id' })).events[0]!.data).not.toHaveProperty('guardianIdentification');
  });

  it('a consent recorded before CONSENT-PROOF (no hash, no identification) still reads and still counts', () => {
    const old: PatronEvent = { type: 'WrittenConsentGiven', data: { blindIndex: 'bi-1', pseudonym: 'P-1', occurredAt: base.occurredAt, by: 'u-staff', consentId: 'c-old', grantee: 'Bo Chen', categories: ['holds'] } };
    const state = evolvePatron(initialPatronState, old);
    expect(consentsNaming(state, 'Bo Chen', '2025-03-02T00:00:00Z')).toHaveLength(1);
  });

  it('rejects a consent that expires before it is given, a repeated consent id, and the wrong role', () => {
    expect(given().when(consent({ expiresAt: '2025-03-01T09:00:00Z' })).error).toBeInstanceOf(InvalidCommand);
    expect(given(consent()).when(consent()).error).toBeInstanceOf(CaseStateConflict);
    expect(given().when({ ...lost, actor: { ...staff, role: 'auditor' } }).error).toMatchObject({ rule: 'ROLE-NOT-PERMITTED' });
  });

  it('revokes a consent once; unknown consents are 404', () => {
    const { state } = given(consent()).when(revoke);
    expect(isConsentActive(state.consents[0]!, '2025-03-02T00:00:00Z')).toBe(false);
    expect(given(consent(), revoke).when(revoke).error).toBeInstanceOf(CaseStateConflict);
    expect(given().when(revoke).error).toBeInstanceOf(NotFound);
  });

  it('a consent is active from when it was given until (not including) its expiry', () => {
    const { state } = given().when(consent({ expiresAt: '2025-04-01T00:00:00Z' }));
    const record = state.consents[0]!;
    expect(isConsentActive(record, '2025-03-01T09:59:59Z')).toBe(false);
    expect(isConsentActive(record, '2025-03-01T10:00:00Z')).toBe(true);
    expect(isConsentActive(record, '2025-03-31T23:59:59Z')).toBe(true);
    expect(isConsentActive(record, '2025-04-01T00:00:00Z')).toBe(false);
    expect(consentsNaming(state, 'BO   chen', '2025-03-02T00:00:00Z')).toHaveLength(1);
    expect(consentsNaming(state, 'B. Chen', '2025-03-02T00:00:00Z')).toHaveLength(0);
  });
});

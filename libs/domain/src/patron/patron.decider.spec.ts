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
  it('a card reported lost stays dead, also once replaced (the new card is another identifier); replaced once', () => {
    expect(given().state.cardReportedLost).toBe(false);
    expect(given().when(lost).state.cardReportedLost).toBe(true);
    const afterReplacement = given(lost).when(replaced);
    expect(afterReplacement.events).toEqual([{ type: 'LibraryCardReplaced', data: { blindIndex: 'bi-1', pseudonym: 'P-1', occurredAt: base.occurredAt, by: staff.userId } }]);
    expect(afterReplacement.state).toMatchObject({ cardReportedLost: true, cardReplacedAt: base.occurredAt });
    expect(given().when(replaced).error).toBeInstanceOf(CaseStateConflict);
    expect(given(lost, replaced).when(replaced).error).toBeInstanceOf(CaseStateConflict);
  });

  describe('identifiers', () => {
    const owner = { blindIndex: 'bi-owner', pseudonym: 'P-owner' };
    const card = { blindIndex: 'bi-card', pseudonym: 'P-card', encryptedRef: 'v2.l-bi-card.iv.ct.tag' };
    const claim = (by = owner): PatronCommand => ({ type: 'ClaimPatronIdentifier', ...base, patron: { blindIndex: card.blindIndex, pseudonym: card.pseudonym }, owner: by });
    const link = (identifier = card): PatronCommand => ({ type: 'LinkPatronIdentifier', ...base, patron: owner, identifier });

    it('given a fresh identifier, when claimed for a patron, then it names that patron; claiming it again for them changes nothing', () => {
      const claimed = given().when(claim());
      expect(claimed.events).toEqual([
        { type: 'PatronIdentifierClaimed', data: { blindIndex: 'bi-card', pseudonym: 'P-card', occurredAt: base.occurredAt, by: staff.userId, ownerBlindIndex: 'bi-owner', ownerPseudonym: 'P-owner' } },
      ]);
      expect(claimed.state.ownedBy).toEqual(owner);
      expect(given(claim()).when(claim()).events).toEqual([]);
    });

    it('given an identifier with history of its own (a lost card, a consent), when claimed, then its history stays and it names the patron', () => {
      const { state } = given({ ...lost, patron: { blindIndex: 'bi-card', pseudonym: 'P-card' } }).when(claim());
      expect(state).toMatchObject({ cardReportedLost: true, ownedBy: owner });
    });

    it('refuses (409) to claim an identifier that names another patron, or that has identifiers of its own', () => {
      const other = { blindIndex: 'bi-other', pseudonym: 'P-other' };
      const refused = given(claim(other)).when(claim());
      expect(refused.error).toBeInstanceOf(CaseStateConflict);
      expect(refused.error).toMatchObject({ message: expect.stringContaining('another patron') });
      const withIdentifiers = given({ ...link({ ...card, blindIndex: 'bi-x' }), patron: { blindIndex: 'bi-card', pseudonym: 'P-card' } }).when(claim());
      expect(withIdentifiers.error).toBeInstanceOf(CaseStateConflict);
    });

    it('given a patron, when an identifier is linked, then it is listed once with who linked it and when; the patron itself is no identifier of its own', () => {
      const linked = given().when(link());
      expect(linked.events).toEqual([
        {
          type: 'PatronIdentifierLinked',
          data: { blindIndex: 'bi-owner', pseudonym: 'P-owner', occurredAt: base.occurredAt, by: staff.userId, identifierBlindIndex: 'bi-card', identifierPseudonym: 'P-card', encryptedIdentifier: card.encryptedRef },
        },
      ]);
      expect(linked.state.identifiers).toEqual([{ blindIndex: 'bi-card', pseudonym: 'P-card', encryptedIdentifier: card.encryptedRef, linkedAt: base.occurredAt, by: staff.userId }]);
      expect(given(link()).when(link()).events).toEqual([]);
      expect(given().when(link({ ...card, blindIndex: 'bi-owner' })).events).toEqual([]);
    });

    it('refuses to link to an identifier that names another patron, malformed identifiers, and roles other than the desk', () => {
      const claimedOwner: PatronCommand = { type: 'ClaimPatronIdentifier', ...base, patron: owner, owner: { blindIndex: 'bi-z', pseudonym: 'P-z' } };
      expect(given(claimedOwner).when(link()).error).toBeInstanceOf(CaseStateConflict);
      expect(given().when(link({ ...card, encryptedRef: '' })).error).toBeInstanceOf(InvalidCommand);
      expect(given().when({ ...link(), actor: { ...staff, role: 'counsel' } }).error).toMatchObject({ rule: 'ROLE-NOT-PERMITTED' });
    });
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
    expect(minor.events[0].data).toMatchObject({ identification: 'card_with_signature_on_file', minor: true, guardianIdentification: 'photo_id' });
    // An adult's consent records no guardian, whatever was sent.
    expect(given().when(consent({ guardianIdentification: 'photo_id' })).events[0].data).not.toHaveProperty('guardianIdentification');
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
    expect(isConsentActive(state.consents[0], '2025-03-02T00:00:00Z')).toBe(false);
    expect(given(consent(), revoke).when(revoke).error).toBeInstanceOf(CaseStateConflict);
    expect(given().when(revoke).error).toBeInstanceOf(NotFound);
  });

  it('a consent is active from when it was given until (not including) its expiry', () => {
    const { state } = given().when(consent({ expiresAt: '2025-04-01T00:00:00Z' }));
    const record = state.consents[0];
    expect(isConsentActive(record, '2025-03-01T09:59:59Z')).toBe(false);
    expect(isConsentActive(record, '2025-03-01T10:00:00Z')).toBe(true);
    expect(isConsentActive(record, '2025-03-31T23:59:59Z')).toBe(true);
    expect(isConsentActive(record, '2025-04-01T00:00:00Z')).toBe(false);
    expect(consentsNaming(state, 'BO   chen', '2025-03-02T00:00:00Z')).toHaveLength(1);
    expect(consentsNaming(state, 'B. Chen', '2025-03-02T00:00:00Z')).toHaveLength(0);
  });
});

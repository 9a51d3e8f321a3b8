import { type Channel, CHANNELS, IDENTIFICATION_KINDS, type DisclosureRequestFacts, evaluateRequest, type IdentificationKind, initialPatronState, REQUESTER_KINDS, type RequesterKind } from '@ledger/domain';
import type { CaseView } from '../../cases/get-case/case-view.js';
import { deskWords, identificationOffered } from './desk-words.js';

/** A case as the page reads it, evaluated by the domain itself from what staff recorded. */
function caseOf(facts: Pick<DisclosureRequestFacts, 'requester' | 'channel' | 'requestedCategories' | 'identification'> & Partial<DisclosureRequestFacts>): CaseView {
  const evaluation = evaluateRequest({ occurredAt: '2026-03-02T10:00:00.000Z', ...facts }, initialPatronState);
  return { requester: facts.requester, channel: facts.channel, identification: facts.identification, evaluation } as unknown as CaseView;
}

describe('words for the desk', () => {
  it('offers only identification the evaluation accepts, on the channel it names, and all it accepts on the channel used, for every requester, channel and kind of identification', () => {
    const disagreements: string[] = [];
    const identifiedBy: Partial<Record<RequesterKind, Partial<DisclosureRequestFacts>>> = {
      patron: {},
      family_or_friend: { purpose: 'picking up a hold' },
      parent_or_guardian: { patronIsMinor: true },
    };
    const refuses = (kind: RequesterKind, channel: Channel, identification: IdentificationKind) =>
      evaluateRequest(
        { requester: { kind, name: 'Pat Jones' }, channel, requestedCategories: ['checkouts'], identification: [{ kind: identification }], occurredAt: '2026-03-02T10:00:00.000Z', ...identifiedBy[kind] },
        initialPatronState,
      ).rules.some((rule) => rule.id === 'ID-REQUIRED');
    for (const kind of REQUESTER_KINDS) {
      for (const channel of CHANNELS) {
        const offered = identificationOffered(kind, channel);
        if (!(kind in identifiedBy)) {
          // The evaluation asks no identification of them (they are referred, or judged otherwise): the desk offers none.
          if (offered !== null) disagreements.push(`${kind} ${channel}: the desk offers ${offered.kinds.join(', ')}`);
          continue;
        }
        for (const identification of offered?.kinds ?? []) {
          if (refuses(kind, offered!.channel, identification)) disagreements.push(`${kind} ${channel}: the desk offers ${identification} ${offered!.channel}, the evaluation refuses it`);
        }
        for (const identification of IDENTIFICATION_KINDS) {
          const offeredHere = offered?.channel === channel && offered.kinds.includes(identification);
          if (!refuses(kind, channel, identification) && !offeredHere) disagreements.push(`${kind} ${channel}: the evaluation accepts ${identification}, the desk does not offer it`);
        }
      }
    }
    expect(disagreements).toEqual([]);
    // Staff are pointed to the desk where the channel used proves nothing.
    expect(identificationOffered('family_or_friend', 'phone')).toEqual({ channel: 'in_person', kinds: ['library_card'] });
  });

  it('a parent who showed their own photo ID is told what was recorded and what would do, and the refusal is worded to say', () => {
    const words = deskWords(
      caseOf({ requester: { kind: 'parent_or_guardian', name: 'Alex Parent' }, channel: 'in_person', requestedCategories: ['checkouts'], identification: [{ kind: 'photo_id' }], patronIsMinor: true }),
    )!;
    expect(words.tone).toBe('refuse');
    expect(words.headline).toBe('You can’t share this.');
    expect(words.identification).toBe(
      'You recorded: photo ID. Here the policy accepts the library card itself; the card number, told to staff; or photo ID of the adult who co-signed a minor’s card.',
    );
    expect(words.say).toMatch(/^I’m sorry, I can’t share library records without identification/);
    expect(words.comeBackWith).toBe('the library card itself; the card number, told to staff; or photo ID of the adult who co-signed a minor’s card');
  });

  it('by email nothing identifies anyone: they are told to come to the desk with what is accepted there', () => {
    const words = deskWords(caseOf({ requester: { kind: 'patron', name: 'Pat Jones' }, channel: 'email', requestedCategories: ['checkouts'], identification: [{ kind: 'library_card' }] }))!;
    expect(words.tone).toBe('refuse');
    expect(words.comeBackWith).toBe('nothing sent by mail or email; at the desk, the library card itself or photo ID');
  });

  it('law enforcement and government agents are referred, with words that release nothing', () => {
    const police = deskWords(caseOf({ requester: { kind: 'law_enforcement', name: 'Det. Hale' }, channel: 'in_person', requestedCategories: ['checkouts'], identification: [{ kind: 'officer_credentials' }] }))!;
    expect(police).toMatchObject({ tone: 'refer', headline: 'Refer this request to the Director now. Release nothing.', comeBackWith: null });
    expect(police.say).toContain('requests from law enforcement');
    const agency = deskWords(caseOf({ requester: { kind: 'government_agency', name: 'Town Social Services' }, channel: 'phone', requestedCategories: ['address'], identification: [] }))!;
    expect(agency.tone).toBe('refer');
    expect(agency.say).toContain('requests from government agencies');
  });

  it('a patron with only their card is told what they may see and that photo ID opens the rest', () => {
    const words = deskWords(caseOf({ requester: { kind: 'patron', name: 'Pat Jones' }, channel: 'in_person', requestedCategories: ['checkouts', 'address'], identification: [{ kind: 'library_card' }] }))!;
    expect(words).toMatchObject({ tone: 'share', headline: 'You can share items checked out now. Nothing else.', identification: 'You recorded: the library card itself.' });
    expect(words.comeBackWith).toBe('photo ID, for their address, phone, email or birth date');
  });

  it('a request for patron records under the public-records law is refused in words a journalist understands', () => {
    const words = deskWords(caseOf({ requester: { kind: 'public_records', name: 'Courant' }, channel: 'email', requestedCategories: ['checkouts'], identification: [] }))!;
    expect(words.tone).toBe('refuse');
    expect(words.say).toContain('not public records');
    expect(words.identification).toBeNull();
  });
});

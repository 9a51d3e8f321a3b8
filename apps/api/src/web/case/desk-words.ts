import { acceptedIdentification, type Category, type Channel, type IdentificationKind, type RequesterKind, vocabularyLabel } from '@ledger/domain';
import type { CaseView } from '../../cases/get-case/case-view.js';

/**
 * What staff at the desk may say and do next, for the route the evaluation gave: a headline, the words
 * to say (pre-filled, editable, as the refusal's reason), what the requester can come back with, and
 * the identification as staff recorded it beside what the policy accepts here.
 */
export interface DeskWords {
  readonly tone: 'share' | 'refer' | 'refuse';
  readonly headline: string;
  readonly say: string;
  readonly comeBackWith: string | null;
  readonly identification: string | null;
}

const words = (kinds: readonly IdentificationKind[]) => oneOf(kinds.map((kind) => vocabularyLabel('identification', kind)));
const categories = (codes: readonly Category[]) => andList(codes.map((code) => vocabularyLabel('category', code)));

/** "a, b or c"; "a; b, told to staff; or c" when an item has a comma of its own. */
function oneOf(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  const separator = items.some((item) => item.includes(',')) ? '; ' : ', ';
  return `${items.slice(0, -1).join(separator)}${separator === '; ' ? ';' : ''} or ${items.at(-1)}`;
}

function andList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * The identification the desk offers this requester: what the policy accepts on the channel they used
 * (the evaluation's own table, `ACCEPTED_IDENTIFICATION`), else what it accepts at the desk in person;
 * null where no identification opens anything.
 */
export function identificationOffered(kind: RequesterKind, channel: Channel | null): { readonly channel: Channel; readonly kinds: readonly IdentificationKind[] } | null {
  const here = channel === null ? [] : acceptedIdentification(kind, channel);
  if (channel !== null && here.length) return { channel, kinds: here };
  const inPerson = acceptedIdentification(kind, 'in_person');
  return inPerson.length ? { channel: 'in_person', kinds: inPerson } : null;
}

/** What the policy accepts for this requester on this channel, in words; null where no identification opens anything. */
function acceptedHere(kind: string, channel: string | null): string | null {
  const offered = identificationOffered(kind as RequesterKind, channel as Channel | null);
  if (offered === null) return null;
  if (offered.channel === channel) return words(offered.kinds);
  return `nothing ${channel === 'mail' || channel === 'email' ? 'sent by mail or email' : 'on this channel'}; at the desk, ${words(offered.kinds)}`;
}

/** Words for a refusal, by the first rule that refused (the order the evaluation fired them in). */
const REFUSALS: Record<string, (view: CaseView) => { say: string; comeBackWith: string | null }> = {
  'CARD-LOST': () => ({
    say: 'I’m sorry, this card has been reported lost or stolen, so I can’t accept it as identification.',
    comeBackWith: 'the replacement card, or photo ID at the desk',
  }),
  'ID-REQUIRED': (view) => ({
    say: 'I’m sorry, I can’t share library records without identification the library’s policy accepts.',
    comeBackWith: acceptedHere(view.requester.kind, view.channel),
  }),
  'FAMILY-PURPOSE-REQUIRED': () => ({
    say: 'Which errand are you helping with? I can only share what that errand needs.',
    comeBackWith: 'the errand they are helping with (record the request again with it)',
  }),
  'MINOR-ONLY': () => ({
    say: 'I’m sorry, a parent or guardian can see the account of a child only, not an adult’s.',
    comeBackWith: 'the patron’s own written permission naming them, and photo ID',
  }),
  'VENDOR-NOT-APPROVED': () => ({
    say: 'Only the library’s approved vendors receive patron information, through their own system.',
    comeBackWith: 'the Director’s approval of the vendor',
  }),
  'FOIA-EXEMPT': () => ({
    say: 'Patron records are not public records, so the library can’t release them under a public-records request.',
    comeBackWith: 'a request for the library’s statistics, which name no one',
  }),
  'CONSENT-GRANTEE-ID': () => ({
    say: 'The patron’s written permission names you, but I need to see your photo ID first.',
    comeBackWith: 'photo ID',
  }),
  'OTHER-NO-BASIS': () => ({
    say: 'I’m sorry, I can’t share another person’s library records without their written permission.',
    comeBackWith: 'the patron’s signed written permission naming them, and photo ID',
  }),
  'REQUEST-OUTSIDE-BASIS': () => ({
    say: 'I’m sorry, what you asked for is not something the library’s policy lets me share with you.',
    comeBackWith: null,
  }),
};

/** The words for the desk, or null where the case is not a request at the desk (a wellness check). */
export function deskWords(view: CaseView): DeskWords | null {
  const evaluation = view.evaluation;
  if (!evaluation) return null;
  const fired = evaluation.rules.map((rule) => rule.id);
  const recorded = view.identification.length ? andList(view.identification.map((id) => vocabularyLabel('identification', id.kind))) : 'none';
  const idWasTheProblem = fired.some((id) => id === 'ID-REQUIRED' || id === 'CARD-LOST' || id === 'CONSENT-GRANTEE-ID');
  const accepted = acceptedHere(view.requester.kind, view.channel);
  const identification = idWasTheProblem
    ? `You recorded: ${recorded}. ${accepted ? `Here the policy accepts ${accepted}.` : 'Here no identification opens these records.'}`
    : view.identification.length
      ? `You recorded: ${recorded}.`
      : null;
  if (evaluation.route === 'refer_to_director') {
    const government = view.requester.kind !== 'law_enforcement';
    return {
      tone: 'refer',
      headline: 'Refer this request to the Director now. Release nothing.',
      say: `I can’t release library records myself. The Director handles requests from ${government ? 'government agencies' : 'law enforcement'}; please wait while I contact them, or leave your name and a number to reach you.`,
      comeBackWith: null,
      identification,
    };
  }
  if (evaluation.route === 'staff_may_release') {
    const photoIdForMore = fired.includes('PATRON-PERSONAL-INFO-PHOTO-ID');
    return {
      tone: 'share',
      headline: `You can share ${categories(evaluation.permittedCategories)}. Nothing else.`,
      say: photoIdForMore
        ? 'I can show you your record. For your address, phone, email or birth date I need to see photo ID.'
        : `I can share ${categories(evaluation.permittedCategories)} with you.`,
      comeBackWith: photoIdForMore ? 'photo ID, for their address, phone, email or birth date' : null,
      identification,
    };
  }
  const first = fired.find((id) => REFUSALS[id] !== undefined);
  const refusal = first ? REFUSALS[first](view) : { say: evaluation.rules[0]?.message ?? 'I’m sorry, I can’t share these records.', comeBackWith: null };
  return { tone: 'refuse', headline: 'You can’t share this.', ...refusal, identification };
}

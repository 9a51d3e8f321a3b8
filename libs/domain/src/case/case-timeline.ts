import { assertNever } from '../shared/decider.js';
import { capitalised, vocabularyLabel, vocabularyList, type VocabularyGroup } from '../vocabulary-labels.js';
import type { Outcome } from '../vocabulary.js';
import type { CaseEvent, CaseEventType, NotificationQueued } from './case.events.js';

/** Short labels for timelines and exports, in words a librarian uses. */
export const CASE_EVENT_LABELS: Readonly<Record<CaseEventType, string>> = {
  DisclosureRequested: 'Disclosure requested',
  ReferredToDirector: 'Referred to the Director',
  RecordsReleased: 'Records released by staff',
  RequestRefused: 'Request refused',
  PolicyExplained: 'Policy explained; no instrument produced',
  LegalInstrumentRecorded: 'Legal instrument recorded',
  ReferredToCounsel: 'Referred to legal counsel',
  NotificationQueued: 'E-mail notice queued',
  CounselAdviceRecorded: 'Counsel advice recorded',
  ReleaseDecided: 'Release decided',
  RecordsProduced: 'Records produced',
  WarrantExecuted: 'Search warrant executed',
  NeedToKnowGranted: 'Need-to-know granted',
  EarlierTimeConfirmed: 'Earlier time confirmed by the Director',
  NondisclosureEnded: 'Non-disclosure order ended',
  NondisclosureChallenged: 'Non-disclosure order challenged by counsel',
  PatronNotified: 'Patron told of the request',
  PatronsAttached: 'Patrons identified and attached',
  WellnessCheckRequested: 'Wellness check requested',
  WellnessDisclosureMade: 'Disclosed for a wellness check',
  CaseNoteAdded: 'Note added',
  AttachmentAdded: 'Document attached',
  CaseClosed: 'Case closed',
};

export interface CaseTimelineEntry {
  readonly type: CaseEventType;
  readonly at: string;
  readonly by: string;
  readonly label: string;
  /** One line of specifics in words (the vocabulary's labels, people by name), free of patron identity. */
  readonly detail?: string;
}

/** A user's display name, where the reader of the timeline knows it (the users projection); `undefined` otherwise. */
export type NameOfUser = (userId: string) => string | undefined;

const categories = (codes: readonly string[]) => vocabularyList('category', codes);
const sentenceStart = (group: VocabularyGroup, code: string) => capitalised(vocabularyLabel(group, code));

/**
 * The timeline's line for one case event. Codes become the vocabulary's words; a user becomes their
 * name when `nameOf` knows it, else stays `user <id>` (an id names nobody outside the ledger). The
 * patron is never named here: not the reference, not the requester's name, which may be the patron's.
 * `outcome` is the case's outcome as its fold reads it (`ExistingCase.outcome`), for the closing line.
 */
export function caseTimelineEntry(event: CaseEvent, nameOf: NameOfUser = () => undefined, outcome?: Outcome): CaseTimelineEntry {
  const { occurredAt: at, by } = event.data;
  const person = (userId: string) => nameOf(userId) ?? `user ${userId}`;
  const entry = (detail?: string): CaseTimelineEntry => ({
    type: event.type,
    at,
    by,
    label: CASE_EVENT_LABELS[event.type],
    ...(detail !== undefined && detail !== '' && { detail }),
  });
  switch (event.type) {
    case 'DisclosureRequested': {
      const { requester, channel, requestedCategories, evaluation } = event.data;
      const about = event.data.subject === undefined ? '' : ` about ${vocabularyLabel('subjectKind', event.data.subject.kind)}, ${event.data.subject.description}`;
      return entry(
        `${sentenceStart('requesterKind', requester.kind)}, ${vocabularyLabel('channel', channel)}, asked for ${categories(requestedCategories)}${about}; policy route: ${vocabularyLabel('route', evaluation.route)}`,
      );
    }
    case 'ReferredToDirector':
    case 'PolicyExplained':
      return entry(event.data.note);
    case 'RecordsReleased':
      return entry(`${capitalised(categories(event.data.categories))}, ${vocabularyLabel('method', event.data.method)}`);
    case 'RequestRefused':
      return entry(event.data.reason);
    case 'LegalInstrumentRecorded':
      return entry(
        `${sentenceStart('instrumentType', event.data.type)} from ${event.data.issuedBy} for ${categories(event.data.scope.categories)}${event.data.nondisclosureOrder ? '; non-disclosure order: case sealed' : ''}`,
      );
    case 'ReferredToCounsel':
      return entry(`Counsel: ${person(event.data.counselUserId)}`);
    case 'NotificationQueued':
      return entry(notificationWords(event.data, person));
    case 'CounselAdviceRecorded':
      return entry(`${sentenceStart('advice', event.data.advice)}; release permitted: ${categories(event.data.permitsCategories) || 'nothing'}`);
    case 'ReleaseDecided':
      return entry(`${sentenceStart('decision', event.data.decision)}${event.data.categories.length > 0 ? `: ${categories(event.data.categories)}` : ''}`);
    case 'RecordsProduced':
      return entry(`${capitalised(categories(event.data.categories))} to ${event.data.recipient}, ${vocabularyLabel('method', event.data.method)}`);
    case 'WarrantExecuted':
      return entry(`${capitalised(categories(event.data.categories))}; counsel ${event.data.counselPresent ? 'present' : 'not present'}`);
    case 'NeedToKnowGranted':
      return entry(`Granted to ${person(event.data.userId)}`);
    case 'EarlierTimeConfirmed':
      return entry(`${capitalised(vocabularyLabel('measuredAct', event.data.act))} happened at ${event.data.confirmedAt}; findings measured from its recording are withdrawn`);
    case 'NondisclosureEnded':
      return entry(`${capitalised(vocabularyLabel('nondisclosureEnding', event.data.how))} on ${event.data.endedAt} (${event.data.instrumentId})${event.data.note ? `: ${event.data.note}` : ''}`);
    case 'NondisclosureChallenged':
      return entry(`Filed ${event.data.filedAt} in ${event.data.court} (${event.data.instrumentId})${event.data.note ? `: ${event.data.note}` : ''}`);
    case 'PatronsAttached':
      // Pseudonyms only: a timeline never names a patron.
      return entry(`${event.data.patrons.length} patron${event.data.patrons.length === 1 ? '' : 's'}: ${event.data.patrons.map((patron) => patron.pseudonym).join(', ')}`);
    case 'PatronNotified':
      return entry(`${capitalised(vocabularyLabel('method', event.data.method))} on ${event.data.notifiedAt}`);
    case 'WellnessCheckRequested':
      return entry(`${event.data.agency}: ${event.data.concern}`);
    case 'WellnessDisclosureMade':
      return entry(`${capitalised(categories(event.data.categories))} to ${event.data.agency}`);
    case 'CaseNoteAdded':
      return entry(event.data.text);
    case 'AttachmentAdded':
      return entry(`${capitalised(vocabularyLabel('attachmentKind', event.data.kind))}${event.data.instrumentId ? ` (${event.data.instrumentId})` : ''}: ${event.data.filename}`);
    case 'CaseClosed':
      // The fold's reading of the outcome (`closingOutcome`), which an older closing event may understate.
      return entry(sentenceStart('outcome', outcome ?? event.data.outcome));
    default:
      return assertNever(event, 'case event');
  }
}

/** Who a queued e-mail notice tells, in words (the case page's timeline and the case file say it alike). */
export function notificationWords(data: NotificationQueued['data'], person: (userId: string) => string): string {
  return data.audience === 'counsel' && data.counselUserId !== undefined
    ? `Counsel (${person(data.counselUserId)}) is told of the referral by e-mail`
    : 'The Director and active designees are told of the referral by e-mail';
}

import { assertNever } from '../shared/decider.js';
import type { CaseEvent, CaseEventType } from './case.events.js';

/** Short labels for timelines and exports, in words a librarian uses. */
export const CASE_EVENT_LABELS: Readonly<Record<CaseEventType, string>> = {
  DisclosureRequested: 'Disclosure requested',
  ReferredToDirector: 'Referred to the director',
  RecordsReleased: 'Records released by staff',
  RequestRefused: 'Request refused',
  PolicyExplained: 'Policy explained; no instrument produced',
  LegalInstrumentRecorded: 'Legal instrument recorded',
  ReferredToCounsel: 'Referred to legal counsel',
  CounselAdviceRecorded: 'Counsel advice recorded',
  ReleaseDecided: 'Release decided',
  RecordsProduced: 'Records produced',
  WarrantExecuted: 'Search warrant executed',
  NeedToKnowGranted: 'Need-to-know granted',
  WellnessCheckRequested: 'Wellness check requested',
  WellnessDisclosureMade: 'Disclosed for a wellness check',
  CaseClosed: 'Case closed',
};

export interface CaseTimelineEntry {
  readonly type: CaseEventType;
  readonly at: string;
  readonly by: string;
  readonly label: string;
  /** One line of specifics, free of patron identity. */
  readonly detail?: string;
}

const list = (values: readonly string[]) => values.join(', ');

export function caseTimelineEntry(event: CaseEvent): CaseTimelineEntry {
  const { occurredAt: at, by } = event.data;
  const entry = (detail?: string): CaseTimelineEntry => ({
    type: event.type,
    at,
    by,
    label: CASE_EVENT_LABELS[event.type],
    ...(detail !== undefined && detail !== '' && { detail }),
  });
  switch (event.type) {
    case 'DisclosureRequested':
      return entry(
        `${event.data.requester.kind} by ${event.data.channel} asked for ${list(event.data.requestedCategories)}; route ${event.data.evaluation.route}`,
      );
    case 'ReferredToDirector':
    case 'PolicyExplained':
      return entry(event.data.note);
    case 'RecordsReleased':
      return entry(`${list(event.data.categories)} by ${event.data.method}`);
    case 'RequestRefused':
      return entry(event.data.reason);
    case 'LegalInstrumentRecorded':
      return entry(
        `${event.data.type} from ${event.data.issuedBy} for ${list(event.data.scope.categories)}${event.data.nondisclosureOrder ? '; non-disclosure order: case sealed' : ''}`,
      );
    case 'ReferredToCounsel':
      return entry(`counsel ${event.data.counselUserId}`);
    case 'CounselAdviceRecorded':
      return entry(`${event.data.advice}; permits ${list(event.data.permitsCategories) || 'nothing'}`);
    case 'ReleaseDecided':
      return entry(`${event.data.decision}${event.data.categories.length > 0 ? `: ${list(event.data.categories)}` : ''}`);
    case 'RecordsProduced':
      return entry(`${list(event.data.categories)} to ${event.data.recipient} by ${event.data.method}`);
    case 'WarrantExecuted':
      return entry(`${list(event.data.categories)}; counsel ${event.data.counselPresent ? 'present' : 'not present'}`);
    case 'NeedToKnowGranted':
      return entry(`user ${event.data.userId}`);
    case 'WellnessCheckRequested':
      return entry(`${event.data.agency}: ${event.data.concern}`);
    case 'WellnessDisclosureMade':
      return entry(`${list(event.data.categories)} to ${event.data.agency}`);
    case 'CaseClosed':
      return entry(event.data.outcome);
    default:
      return assertNever(event, 'case event');
  }
}

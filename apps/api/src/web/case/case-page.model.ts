import {
  ADVICE_AGAINST_RELEASE,
  type AdviceOnRecord,
  capitalised,
  CATEGORIES,
  RELEASE_DECISIONS,
  type ReleaseDecision,
  DEFAULT_JURISDICTION,
  isLawEnforcementCase,
  type JurisdictionPack,
  type RequesterKind,
  type RuleId,
  vocabularyLabel,
  type DecisionOnRecord,
  type LegalInstrumentRecorded,
  type PolicyExplained,
  type RecordsProduced,
  type RecordsReleased,
  type RequestRefused,
  type Role,
  vocabularyList,
} from '@ledger/domain';
import type { CaseActionName } from '../../cases/case-commands.table.js';
import type { CaseView, PatronShown } from '../../cases/get-case/case-view.js';
import { label } from '../shared/labels.js';
import { deadlineIn, whenIn } from '../shared/library-time.js';

/** An instant as the page shows it (the library's zone, named); UTC where the caller gives none. */
export type When = (iso: string | null | undefined) => string;
const inUtc: When = (iso) => whenIn(iso, 'UTC');

export interface CaseFacts {
  readonly kind: string;
  readonly status: string;
  readonly sealed: boolean;
  readonly requesterKind: string;
  /** The rules the evaluation fired: GOVERNMENT-REFER puts an agency's request on the law-enforcement path. */
  readonly ruleIds?: readonly string[];
  readonly route: string | null;
  readonly instrumentCount: number;
  readonly counselUserId: string | null;
  /** A request about a resource or a transaction: the Director attaches the patrons it turns out to concern. */
  readonly aboutSubject?: boolean;
  /** A non-disclosure order ended, none is in force, and no notice to the patron is recorded yet (PATRON-NOTICE-DUE). */
  readonly patronNoticeDue?: boolean;
  /** A public-records request for the library's own statistics: the Director answers it from a transparency report. */
  readonly statisticsRequest?: boolean;
}

export interface Viewer {
  readonly userId: string;
  readonly role: Role;
  readonly isActiveDesignee: boolean;
}

/**
 * The action forms a case page offers this viewer now. Only a convenience: every command is decided
 * again by the domain, so a form shown by mistake could still record nothing the policy forbids.
 */
export function availableActions(facts: CaseFacts, viewer: Viewer): CaseActionName[] {
  const directorPowers = viewer.role === 'director' || (viewer.role === 'staff' && viewer.isActiveDesignee);
  const atDesk = viewer.role === 'staff' || viewer.role === 'director';
  // As the domain reads it: law enforcement, or a government agency the evaluation sent to the Director as such.
  const lawEnforcement = isLawEnforcementCase({ requesterKind: facts.requesterKind as RequesterKind, ruleIds: facts.ruleIds ?? [] });
  const actions: CaseActionName[] = [];
  if (facts.kind !== 'disclosure_request') return actions;
  switch (facts.status) {
    case 'open':
      if (!atDesk) break;
      // Law enforcement: the desk refers to the Director at once and releases nothing (LE-REFER).
      if (lawEnforcement) actions.push('refer-to-director');
      // A request for the library's statistics is the Director's to answer, from the desk's record as it stands.
      else if (facts.statisticsRequest === true && directorPowers) actions.push('release', 'refuse');
      else if (facts.route === 'staff_may_release') actions.push('release', 'refuse', 'refer-to-director');
      else if (facts.route === 'deny') actions.push('refuse', 'refer-to-director');
      else actions.push('refer-to-director');
      break;
    case 'with_director':
      if (!directorPowers) break;
      if (!lawEnforcement) actions.push('release', 'refuse');
      else if (facts.instrumentCount === 0) actions.push('record-instrument', 'explain-policy');
      else actions.push('refer-to-counsel', 'record-instrument');
      break;
    case 'awaiting_counsel':
      if (viewer.role === 'counsel' && facts.counselUserId === viewer.userId) actions.push('advise');
      // A court order or warrant can arrive while counsel is looking at a subpoena.
      if (directorPowers) actions.push('record-instrument');
      break;
    case 'awaiting_decision':
      if (directorPowers) actions.push('decide', 'record-instrument');
      break;
    case 'decided':
      if (directorPowers) actions.push('produce');
      break;
    default:
      break;
  }
  if (viewer.role === 'director' && facts.sealed) actions.push('grant-need-to-know');
  // An order outlives the case: its end and the notice it allows are recorded whatever the status.
  if (facts.sealed && (directorPowers || (viewer.role === 'counsel' && facts.counselUserId === viewer.userId))) actions.push('end-nondisclosure');
  if (facts.patronNoticeDue === true && directorPowers) actions.push('record-patron-notice');
  if (facts.aboutSubject === true && directorPowers && facts.status !== 'closed') actions.push('attach-patrons');
  return actions;
}

/** Whoever reads a case in full writes notes on it (an auditor observes); the page reads only to those on the case. */
export function mayAddNote(viewer: Viewer): boolean {
  return viewer.role !== 'auditor';
}

/** Who may download the case file (as `GET /v1/cases/:caseId/export`). */
export function mayDownload(facts: CaseFacts, viewer: Viewer): boolean {
  if (viewer.role === 'director' || viewer.role === 'auditor') return true;
  if (viewer.role === 'staff') return viewer.isActiveDesignee;
  return viewer.role === 'counsel' && facts.counselUserId === viewer.userId;
}

/** One row of a GOV.UK summary list: what it is, and its value in words. */
export interface SummaryRow {
  readonly key: string;
  readonly value: string;
  /** What paper shows instead, when it differs: a patron number masked, printed from the case page itself. */
  readonly printed?: string;
  /** The glossary entries (`/glossary#<id>`) the key and the value link to, for the words a reader may not know. */
  readonly keyTerm?: string;
  readonly valueTerm?: string;
}

/** A summary list under its own heading: the request, an instrument, counsel's referral, a decision… */
export interface SummarySection {
  readonly id: string;
  readonly heading: string;
  readonly rows: readonly SummaryRow[];
}

/** The parts of `GET /v1/cases/:caseId` the case page reads, in the words of the events that recorded them. */
type InstrumentShown = Omit<LegalInstrumentRecorded['data'], 'caseId'>;
type HandoverShown = Pick<RecordsProduced['data'], 'occurredAt' | 'by' | 'categories'> &
  Partial<Pick<RecordsProduced['data'], 'recipient' | 'method' | 'inventory' | 'recordsFrom' | 'recordsTo'> & Pick<RecordsReleased['data'], 'transparencyReportId'>>;
type ClosingWordsShown = Pick<RequestRefused['data'], 'occurredAt' | 'by'> & Partial<Pick<RequestRefused['data'], 'reason'> & Pick<PolicyExplained['data'], 'note'>>;
interface ReferralShown {
  readonly occurredAt: string;
  readonly by: string;
  readonly counselUserId: string;
  readonly note?: string;
}
type AdviceShown = Pick<AdviceOnRecord, 'counselUserId' | 'advice' | 'permitsCategories' | 'notes' | 'filedAt' | 'providesCommunicationService'> & { readonly occurredAt: string; readonly scope?: { readonly categories: readonly string[] } };
type DecisionShown = Pick<DecisionOnRecord, 'decision' | 'categories' | 'rationale' | 'decidedBy'> & { readonly occurredAt: string };

/** Who the page names for a user id (the directory's name, else a word that names nobody). */
export type NameOf = (userId: string) => string;

const categories = (codes: readonly string[]) => capitalised(vocabularyList('category', codes)) || 'None';
const row = (key: string, value: string | null | undefined): SummaryRow[] => (value === null || value === undefined || value === '' ? [] : [{ key, value }]);
/** The same rows, their keys or values linked to what the words mean. */
const explained = (rows: SummaryRow[], terms: { readonly keyTerm?: string; readonly valueTerm?: string }): SummaryRow[] => rows.map((shown) => ({ ...shown, ...terms }));
/** Each instrument type's own glossary entry, the general one for the rest. */
const INSTRUMENT_TERMS: Readonly<Record<string, string>> = { subpoena: 'subpoena', court_order: 'court-order', search_warrant: 'search-warrant' };
const numbered = (noun: string, index: number, count: number) => (count > 1 ? `${noun} ${index + 1} of ${count}` : noun);

/** A section for a record the case may not have yet (a referral, advice, a decision): none without it. */
function sectionOf<T>(record: T | null, id: string, heading: string, rowsOf: (record: T) => SummaryRow[]): SummarySection[] {
  return record === null ? [] : [{ id, heading, rows: rowsOf(record) }];
}

/** "Borrowing history, from 1 Jan 2025, 00:00 UTC to 30 Jun 2025, 00:00 UTC" — the period only when the record says. */
function withPeriod(codes: readonly string[], from: string | undefined, to: string | undefined, when: When): string {
  if (from === undefined && to === undefined) return categories(codes);
  return `${categories(codes)}, records ${from === undefined ? 'up' : `from ${when(from)}`} to ${to === undefined ? 'now' : when(to)}`;
}

/**
 * The case as the case page tells it, before the timeline: the request, each legal instrument, counsel's
 * referral and advice, the decision, and what was handed over — one summary list each, in words (the
 * vocabulary's labels, people by name), never codes. Reads only the case view, which the query built
 * through `whatMayBeShown`: what a reader may not see is not in it, so it is not here either.
 */
/**
 * A patron number on paper: its last four characters only, so a printed case left on a desk does not
 * name the patron; the Director can ask for it in full.
 */
export function maskedPatronRef(ref: string): string {
  const shown = ref.length > 6 ? ref.slice(-4) : '';
  return `${'•'.repeat(4)}${shown ? ` ${shown}` : ''} (masked)`;
}

export interface SectionOptions {
  /** Print the patron number masked (`maskedPatronRef`). */
  readonly maskPatronRef?: boolean;
  /** Show it in full on screen but masked on paper (`SummaryRow.printed`): the browser's own Print of the case page. */
  readonly maskPatronRefOnPaper?: boolean;
  /** Instants in the library's zone (`PageRenderer.when`); UTC by default. */
  readonly when?: When;
  /** Deadlines in the library's zone (`PageRenderer.deadline`): one ending at midnight shows its last minute. */
  readonly deadline?: When;
}

export function caseRecordSections(view: CaseView, nameOf: NameOf, options: SectionOptions = {}): SummarySection[] {
  const when = options.when ?? inUtc;
  const deadline = options.deadline ?? ((iso: string | null | undefined) => deadlineIn(iso, 'UTC'));
  const patronWords = (patron: PatronShown, masked = options.maskPatronRef) => {
    const ref = patron.ref && masked ? maskedPatronRef(patron.ref) : patron.ref;
    return `${ref ? ref : `Pseudonym ${patron.pseudonym}`}${patron.isMinor ? ' (a minor)' : ''}`;
  };
  const patronRow = (key: string, words: (masked?: boolean) => string | null): SummaryRow[] =>
    row(key, words()).map((shown) => {
      const printed = options.maskPatronRefOnPaper ? words(true) : null;
      return printed !== null && printed !== shown.value ? { ...shown, printed } : shown;
    });
  const { subject, attachedPatrons } = view;
  const sections: SummarySection[] = [];
  const { requester } = view;
  sections.push({
    id: 'request',
    heading: 'The request',
    rows: [
      ...row('Who is asking', `${label('requesterKind', requester.kind)}${requester.name ? `: ${requester.name}` : ''}${requester.agency ? `, ${requester.agency}` : ''}${requester.badgeNumber ? ` (badge ${requester.badgeNumber})` : ''}`),
      ...row('How', view.channel === null ? null : label('channel', view.channel)),
      ...row('About', subject ? `${label('subjectKind', subject.kind)}: ${subject.description}${subject.from || subject.to ? `, ${subject.from ? when(subject.from) : '…'} to ${subject.to ? when(subject.to) : '…'}` : ''}` : null),
      // A request about a resource or a transaction names no single patron: the patrons found are counted, then named.
      // A pseudonym (the auditor's view) links to what it is.
      ...explained(patronRow('Patron', (masked) => (view.patron ? patronWords(view.patron, masked) : null)), view.patron && !view.patron.ref ? { valueTerm: 'pseudonym' } : {}),
      ...patronRow('Patrons identified', (masked) =>
        subject ? `${attachedPatrons.length === 0 ? 'None yet' : `${attachedPatrons.length}: ${attachedPatrons.map((patron) => patronWords(patron, masked)).join('; ')}`}` : null,
      ),
      ...row('What they want', categories(view.requestedCategories)),
      ...row('Identification shown', view.identification.map((id) => label('identification', id.kind) + (id.detail ? ` (${id.detail})` : '')).join('; ')),
      ...row('Purpose', view.purpose),
      ...row('Wellness concern', view.wellness ? `${view.wellness.concern} (called ${view.wellness.agency})` : null),
      ...row('Received', `${when(view.receivedAt)}, recorded by ${nameOf(view.openedBy)}`),
      ...row('Released', view.releasedCategories.length ? categories(view.releasedCategories) : null),
    ],
  });

  const instruments = view.instruments as readonly InstrumentShown[];
  instruments.forEach((instrument, index) => {
    const objection = view.deadlines.find((deadline) => deadline.instrumentId === instrument.instrumentId && deadline.kind === 'objection_date');
    sections.push({
      id: `instrument-${index + 1}`,
      heading: `${numbered('Legal instrument', index, instruments.length)}: ${label('instrumentType', instrument.type)}`,
      rows: [
        ...explained(row('Type', label('instrumentType', instrument.type)), { valueTerm: INSTRUMENT_TERMS[instrument.type] ?? 'legal-instrument' }),
        ...row('Issued by', instrument.issuedBy),
        ...row('Court', instrument.court),
        ...row('Docket number', instrument.docketNumber),
        ...row('Served on the library', `${when(instrument.servedAt)}${instrument.servedOn ? `, on ${instrument.servedOn}` : ''}`),
        ...explained(row('Return date', instrument.returnDate ? when(instrument.returnDate) : 'None given'), { keyTerm: 'deadline' }),
        ...explained(
          row('Last day to object', objection === undefined ? null : `${deadline(objection.dueAt)}${objection.objectionFiledAt ? ` (objection filed ${when(objection.objectionFiledAt)})` : ''}`),
          { keyTerm: 'deadline' },
        ),
        ...row('What it demands', withPeriod(instrument.scope.categories, instrument.scope.from, instrument.scope.to, when)),
        ...explained(row('Non-disclosure (gag) order', nondisclosureWords(instrument, view, when)), { keyTerm: 'non-disclosure-order' }),
        ...row('Recorded', `${when(instrument.occurredAt)} by ${nameOf(instrument.by)}`),
      ],
    });
  });

  sections.push(
    ...sectionOf(view.counselReferral as ReferralShown | null, 'referral', 'Referral to counsel', (referral) => [
      ...explained(row('Counsel', nameOf(referral.counselUserId)), { keyTerm: 'counsel' }),
      ...row('Referred', `${when(referral.occurredAt)} by ${nameOf(referral.by)}`),
      ...row('Note from the Director', referral.note ?? 'None'),
    ]),
    ...sectionOf(view.advice as AdviceShown | null, 'advice', 'Counsel’s advice', (advice) => [
      ...row('Advice', label('advice', advice.advice)),
      ...row('Scope counsel advised', advice.scope ? categories(advice.scope.categories) : null),
      ...row('May be released on this advice', categories(advice.permitsCategories)),
      ...row('Objection or motion filed', advice.filedAt ? when(advice.filedAt) : null),
      ...row('Notes', advice.notes ?? 'None'),
      ...row('Advised', `${when(advice.occurredAt)} by ${nameOf(advice.counselUserId)}`),
    ]),
    ...sectionOf(view.decision as DecisionShown | null, 'decision', 'The Director’s decision', (decision) => [
      ...row('Decision', label('decision', decision.decision)),
      ...row('To release', decision.decision === 'deny' ? null : categories(decision.categories)),
      ...row('Rationale', decision.rationale),
      ...row('Decided', `${when(decision.occurredAt)} by ${nameOf(decision.decidedBy)}`),
    ]),
  );
  const handovers: { noun: string; id: string; list: readonly HandoverShown[] }[] = [
    { noun: 'Production', id: 'production', list: view.productions as readonly HandoverShown[] },
    { noun: 'Released at the desk', id: 'release', list: view.releases as readonly HandoverShown[] },
  ];
  for (const { noun, id, list } of handovers) {
    list.forEach((handover, index) => {
      sections.push({
        id: `${id}-${index + 1}`,
        heading: numbered(noun, index, list.length),
        rows: [
          ...row('Records', withPeriod(handover.categories, handover.recordsFrom, handover.recordsTo, when)),
          ...row('Given to', handover.recipient),
          ...row('How', handover.method ? label('method', handover.method) : null),
          ...row('Inventory', handover.inventory),
          // The answer to a public-records request for statistics: the published report given, where anyone reads it.
          ...row('Transparency report given', handover.transparencyReportId ? `/transparency/${handover.transparencyReportId}` : null),
          ...row('Recorded', `${when(handover.occurredAt)} by ${nameOf(handover.by)}`),
        ],
      });
    });
  }
  const closingWords = (record: ClosingWordsShown) => [
    ...row('What the requester was told', record.reason ?? record.note ?? 'Not recorded'),
    ...row('Recorded', `${when(record.occurredAt)} by ${nameOf(record.by)}`),
  ];
  sections.push(
    ...sectionOf(view.refusal as ClosingWordsShown | null, 'refusal', 'Refusal', closingWords),
    ...sectionOf(view.policyExplanation as ClosingWordsShown | null, 'explanation', 'Policy explained, nothing released', closingWords),
  );
  return sections;
}

/** A note as the page shows it: in full, with its author's name and the time in the library's zone. */
export interface NoteShown {
  readonly text: string;
  readonly by: string;
  readonly at: string;
}

export function notesShown(view: CaseView, nameOf: NameOf, when: When = inUtc): NoteShown[] {
  return view.notes.map((note) => ({ text: note.text, by: nameOf(note.by), at: when(note.at) }));
}

/** A document attached, as the page lists it: what it is, its name, size and hash, and where to download it. */
export interface DocumentShown {
  readonly what: string;
  readonly filename: string;
  readonly size: string;
  readonly sha256: string;
  readonly attached: string;
  readonly href: string;
}

export function documentsShown(view: CaseView, nameOf: NameOf, when: When = inUtc): DocumentShown[] {
  const instruments = view.instruments as readonly InstrumentShown[];
  return view.attachments.map((attachment) => {
    const instrument = instruments.find((candidate) => candidate.instrumentId === attachment.instrumentId);
    return {
      what: instrument ? `Scan of the ${label('instrumentType', instrument.type).toLowerCase()} from ${instrument.issuedBy}` : capitalised(vocabularyLabel('attachmentKind', attachment.kind)),
      filename: attachment.filename,
      size: attachment.size < 1024 ? `${attachment.size} bytes` : attachment.size < 1024 * 1024 ? `${Math.round(attachment.size / 1024)} KB` : `${(attachment.size / (1024 * 1024)).toFixed(1)} MB`,
      sha256: attachment.sha256,
      attached: `${when(attachment.at)} by ${nameOf(attachment.by)}`,
      href: `/cases/${encodeURIComponent(view.caseId)}/attachments/${encodeURIComponent(attachment.attachmentId)}`,
    };
  });
}

interface NondisclosureEndShown {
  readonly instrumentId: string;
  readonly endedAt: string;
  readonly how: string;
}

/** "Yes: the case is sealed", or how and when the order ended. */
function nondisclosureWords(instrument: InstrumentShown, view: CaseView, when: When): string {
  if (!instrument.nondisclosureOrder) return 'No';
  const ended = (view.nondisclosureEnds as readonly NondisclosureEndShown[]).find((end) => end.instrumentId === instrument.instrumentId);
  return ended === undefined ? 'Yes: the case is sealed' : `Ended ${when(ended.endedAt)}: ${label('nondisclosureEnding', ended.how).toLowerCase()}`;
}

/** The instruments whose non-disclosure order is still in force: what the form that records an end offers. */
export function ordersInForce(view: CaseView, when: When = inUtc): { readonly instrumentId: string; readonly words: string }[] {
  const ended = new Set((view.nondisclosureEnds as readonly NondisclosureEndShown[]).map((end) => end.instrumentId));
  return (view.instruments as readonly InstrumentShown[])
    .filter((instrument) => instrument.nondisclosureOrder && !ended.has(instrument.instrumentId))
    .map((instrument) => ({ instrumentId: instrument.instrumentId, words: `${label('instrumentType', instrument.type)} from ${instrument.issuedBy}, served ${when(instrument.servedAt)}` }));
}

/** "Subpoena from Superior Court, Hartford, served 5 Jan 2026, 10:00 UTC": for the form that records another. */
export function instrumentsOnRecord(view: CaseView, when: When = inUtc): string[] {
  return (view.instruments as readonly InstrumentShown[]).map(
    (instrument) =>
      `${label('instrumentType', instrument.type)} from ${instrument.issuedBy}${instrument.docketNumber ? ` (docket ${instrument.docketNumber})` : ''}, served ${when(instrument.servedAt)}`,
  );
}

/** What the decision and advice forms offer now, and what the Director must be told before deciding. */
export interface DecisionChoices {
  /** Said before the decision ("No court order or warrant is recorded: record one, or deny"), with its citation. */
  readonly inset: { readonly text: string; readonly citation: string } | null;
  readonly decisions: readonly ReleaseDecision[];
  /** Only what counsel's advice permits within the instruments' scope: anything else is refused (LE-SCOPE). */
  readonly categories: readonly string[];
}

/**
 * The decisions the server would accept now, by the domain's own rules and constants (`decideRelease`):
 * a national security letter alone (unless counsel found the library a communication service provider),
 * or counsel's advice against release, leave only a denial; without a
 * court order or warrant a release stands only on the patron's written consent (the one door the page
 * cannot see), so the Director is told so before choosing.
 */
export function decisionChoices(view: CaseView, jurisdiction: JurisdictionPack = DEFAULT_JURISDICTION): DecisionChoices {
  const rules = jurisdiction.rules;
  const doors = jurisdiction.releaseDoors;
  const types = (view.instruments as readonly InstrumentShown[]).map((instrument) => instrument.type);
  const advice = view.advice as AdviceShown | null;
  const denyOnly = (ruleId: RuleId, text: string): DecisionChoices => ({ inset: { text, citation: rules[ruleId].citation }, decisions: ['deny'], categories: [] });
  // Unless counsel found the library provides an electronic communication service (§ 2709(f)'s proviso).
  if (types.length > 0 && types.every((type) => type === 'national_security_letter') && advice?.providesCommunicationService !== true) {
    return denyOnly('LE-NSL-NOT-APPLICABLE', 'A national security letter alone does not allow the library to release anything: deny, or wait for a court order or search warrant.');
  }
  if (advice && (ADVICE_AGAINST_RELEASE as readonly string[]).includes(advice.advice)) {
    return denyOnly('LE-ADVICE-AGAINST', `Counsel advised “${vocabularyLabel('advice', advice.advice)}”: only a denial can be recorded. Refer the case to counsel again if that changes.`);
  }
  const scope = new Set(types.length ? (view.instruments as readonly InstrumentShown[]).flatMap((instrument) => instrument.scope.categories) : []);
  const releasable = (advice?.permitsCategories ?? []).filter((category) => scope.has(category));
  const doorOpened = types.some((type) => (doors.instruments as readonly string[]).includes(type));
  return {
    inset: doorOpened
      ? null
      : {
          text: `No ${doors.named} is recorded: record one, or deny. Records may be released without one only on the patron’s written permission naming the requester.`,
          citation: rules['LE-STATUTE-COURT-ORDER'].citation,
        },
    decisions: releasable.length ? RELEASE_DECISIONS : ['deny'],
    categories: releasable,
  };
}

/**
 * What a production may hand over, as the server checks it (LE-SCOPE): what the Director decided, within
 * the instruments and counsel's advice; not everything the request asked for.
 */
export function productionChoices(view: CaseView): string[] {
  const decided = (view.decision as DecisionShown | null)?.categories ?? [];
  const advice = view.advice as AdviceShown | null;
  const instruments = view.instruments as readonly InstrumentShown[];
  return CATEGORIES.filter(
    (category) => decided.includes(category) && (advice?.permitsCategories ?? []).includes(category) && instruments.some((instrument) => instrument.scope.categories.includes(category)),
  );
}

/** The periods instruments on the case limit the records to, as whole days ("1 Jan 2026 to 30 Jun 2026"): a production stays inside one. */
export function periodsOnRecord(view: CaseView, day: (iso: string) => string): string[] {
  return (view.instruments as readonly InstrumentShown[])
    .filter((instrument) => instrument.scope.from !== undefined || instrument.scope.to !== undefined)
    .map(({ scope }) => `${scope.from ? day(scope.from) : 'any time'} to ${scope.to ? day(new Date(Date.parse(scope.to) - 1).toISOString()) : 'any time'}`);
}

/** Counsel advises on what the instruments demand: the scope choices are theirs, not the request's. */
export function adviceScopeChoices(view: CaseView): string[] {
  return CATEGORIES.filter((category) => (view.instruments as readonly InstrumentShown[]).some((instrument) => instrument.scope.categories.includes(category)));
}

/** The field a refusal is about, for the rules that name no field: the link in the error summary goes there. */
const REFUSAL_FIELDS: Readonly<Record<string, string>> = {
  'LE-SCOPE': 'categories',
  'LE-STATUTE-COURT-ORDER': 'decision',
  'LE-NSL-NOT-APPLICABLE': 'decision',
  'LE-ADVICE-AGAINST': 'decision',
  'LE-COUNSEL-FIRST': 'decision',
  'LE-INSTRUMENT-REQUIRED': 'decision',
};

/**
 * What to do about a refusal on a case form, in the desk's and the Director's words: the domain's message
 * quotes the statute and names categories by their codes, so the page leads with this and keeps the rule's
 * own words under it. Rules not listed keep their message.
 */
const REFUSAL_WORDS: Readonly<Record<string, string>> = {
  'LE-STATUTE-COURT-ORDER':
    'No court order or search warrant on this case covers what you chose, and no written permission of the patron names the requester: record the order or warrant first, or choose “Deny”',
  'LE-INSTRUMENT-REQUIRED': 'No subpoena, warrant or order is recorded on this case: record it first, or choose “Deny”',
  'LE-NSL-NOT-APPLICABLE': 'A national security letter alone does not allow the library to release anything: choose “Deny”, or record a court order or search warrant',
  'LE-COUNSEL-FIRST': 'Counsel has not advised on this case yet: the decision waits for counsel’s advice',
  'LE-ADVICE-AGAINST': 'Counsel advised against releasing: only “Deny” can be recorded',
  'LE-SCOPE': 'Select only categories that the instruments demand, counsel’s advice permits and, for a production, the decision named',
  'RELEASE-SCOPE': 'Select only the categories the policy lets staff release: they are the ones listed',
  'LE-STAFF-NO-RELEASE': 'Staff cannot release records to law enforcement: refer the case to the Director',
  'LE-DIRECTOR-ONLY': 'Only the Director or a designee can do this on a law-enforcement case',
};

/** A refusal as the case page shows it: what to do first, the rule's own wording (`detail`) kept beneath. */
export function refusalInWords<T extends { readonly message: string; readonly rule?: string }>(refusal: T): T & { readonly detail?: string; readonly field?: string } {
  // LE-SCOPE is about the categories, or (its message says so) about the period of the records: that one is fixed at the period.
  if (refusal.rule === 'LE-SCOPE' && /period/.test(refusal.message)) {
    return { ...refusal, message: 'Enter the period of the records handed over, inside the period the instrument names', detail: refusal.message, field: 'recordsFrom' };
  }
  const words = refusal.rule ? REFUSAL_WORDS[refusal.rule] : undefined;
  return words ? { ...refusal, message: words, detail: refusal.message } : refusal;
}

/** `#decide-categories`: where the error summary of a refused form sends the reader (the form itself when no field fits). */
export function refusalHref(action: string, refusal: { readonly field?: string; readonly rule?: string }): string {
  const field = refusal.field ?? (action === 'decide' && refusal.rule ? REFUSAL_FIELDS[refusal.rule] : undefined);
  return `#${action}-${(field ?? 'form').replace(/[^A-Za-z0-9]+/g, '-')}`;
}

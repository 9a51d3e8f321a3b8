/**
 * Builders for domain specs: plausible commands with sensible defaults, and a given/when runner
 * over the case decider. No jest globals here, so the file also compiles in the production build.
 */
import type { Actor } from '../policy/actor.js';
import type { Category, CounselAdvice, ReleaseDecision, RequesterKind, Channel, InstrumentType } from '../vocabulary.js';
import type { Identification } from '../policy/evaluate-request.js';
import { initialPatronState, type PatronStanding } from '../patron/patron.state.js';
import type {
  CaseCommand,
  ChallengeNondisclosure,
  DecideRelease,
  EndNondisclosure,
  RecordPatronNotice,
  AddCaseNote,
  AddAttachment,
  ExplainPolicy,
  ConfirmEarlierTime,
  GrantNeedToKnow,
  OpenCase,
  RecordCounselAdvice,
  RecordLegalInstrument,
  RecordProduction,
  RecordRelease,
  RecordWarrantExecution,
  RecordWellnessCheck,
  ReferToCounsel,
  ReferToDirector,
  RefuseRequest,
} from '../case/case.commands.js';
import type { CaseDecisionContext } from '../case/case.context.js';
import type { CaseEvent } from '../case/case.events.js';
import type { VendorList } from '../vendor/vendor.state.js';
import { decideCase } from '../case/case.decider.js';
import { evolveCase, initialCaseState, type CaseState } from '../case/case.state.js';

export const CASE_ID = 'case-1';
export const RECEIVED_AT = '2025-03-03T10:00:00.000Z';
export const LATER = '2025-03-03T11:00:00.000Z';
export const NOW = '2025-03-03T12:00:00.000Z';

export const staff: Actor = { userId: 'u-staff', role: 'staff', isActiveDesignee: false };
export const designee: Actor = { userId: 'u-designee', role: 'staff', isActiveDesignee: true };
export const director: Actor = { userId: 'u-director', role: 'director', isActiveDesignee: false };
export const counsel: Actor = { userId: 'u-counsel', role: 'counsel', isActiveDesignee: false };
export const otherCounsel: Actor = { userId: 'u-counsel-2', role: 'counsel', isActiveDesignee: false };
export const auditor: Actor = { userId: 'u-auditor', role: 'auditor', isActiveDesignee: false };
export const admin: Actor = { userId: 'u-admin', role: 'admin', isActiveDesignee: false };

export const patronInput = { blindIndex: 'bi-1', pseudonym: 'P-7Q2K', encryptedRef: 'enc:abc', isMinor: false };

/** The library's approved vendors in the specs: one eBook service, approved before every case. */
export const approvedVendors: VendorList = {
  vendors: [{ vendorId: 'v-ebooks', name: 'eBooks Inc', service: 'eBook lending', approvedAt: '2025-01-01T00:00:00.000Z', approvedBy: 'u-director' }],
};

export const defaultContext: CaseDecisionContext = {
  vendors: approvedVendors,
  patron: initialPatronState,
  counsel: { userId: counsel.userId, role: 'counsel' },
  grantee: { userId: auditor.userId, role: 'auditor' },
  maxBackdateDays: 30,
};

const at = (actor: Actor, occurredAt = LATER) => ({ caseId: CASE_ID, actor, occurredAt, recordedAt: NOW });

export function openCase(
  overrides: Partial<Omit<OpenCase, 'type' | 'requester'>> & {
    kind?: RequesterKind;
    name?: string;
    channel?: Channel;
    ids?: Identification['kind'][];
    isMinor?: boolean;
  } = {},
): OpenCase {
  const { kind = 'patron', name = 'Ann Lee', ids = ['library_card'], isMinor = false, ...rest } = overrides;
  return {
    type: 'OpenCase',
    ...at(staff, RECEIVED_AT),
    requester: { kind, name, ...(kind === 'law_enforcement' && { agency: 'State Police', badgeNumber: '42' }) },
    channel: 'in_person',
    patron: { ...patronInput, isMinor },
    requestedCategories: ['checkouts'],
    identification: ids.map((kind) => ({ kind })),
    ...rest,
  };
}

export const openLawEnforcementCase = (requestedCategories: Category[] = ['circulation_history', 'name']) =>
  openCase({ kind: 'law_enforcement', name: 'Officer Dibble', ids: ['officer_credentials'], requestedCategories });

/** A newspaper's public-records request for the library's own statistics: no patron, routed to the director. */
export function openStatisticsRequest(): OpenCase {
  const { patron: _patron, ...request } = openCase({ kind: 'public_records', name: 'Daily News', ids: [], channel: 'email', requestedCategories: ['statistics'], purpose: 'How many subpoenas did the library receive in 2025?' });
  return request;
}

/** The director's answer to it from a published transparency report (the step, with the context naming the report published). */
export const answerStatisticsRequest = (transparencyReportId = 'r-2025') => ({
  command: { ...release(['statistics'], director), transparencyReportId },
  context: { ...defaultContext, publishedTransparencyReports: [transparencyReportId] },
});

export const release = (categories: Category[], actor: Actor = staff): RecordRelease => ({
  type: 'RecordRelease',
  ...at(actor),
  categories,
  method: 'in_person',
});

export const refuse = (actor: Actor = staff): RefuseRequest => ({ type: 'RefuseRequest', ...at(actor), reason: 'No basis' });

export const referToDirector = (actor: Actor = staff): ReferToDirector => ({ type: 'ReferToDirector', ...at(actor) });

export const recordInstrument = (
  categories: Category[],
  overrides: Partial<Omit<RecordLegalInstrument, 'type'>> & { instrumentType?: InstrumentType } = {},
): RecordLegalInstrument => ({
  type: 'RecordLegalInstrument',
  ...at(director),
  instrumentId: 'ins-1',
  // A court order opens the statute's first door; specs of the other instrument types say so.
  instrumentType: 'court_order',
  issuedBy: 'Superior Court',
  servedAt: LATER,
  scope: { categories },
  nondisclosureOrder: false,
  ...overrides,
});

export const explainPolicy = (actor: Actor = director): ExplainPolicy => ({ type: 'ExplainPolicy', ...at(actor) });

export const referToCounsel = (actor: Actor = director, counselUserId = counsel.userId): ReferToCounsel => ({
  type: 'ReferToCounsel',
  ...at(actor),
  counselUserId,
});

export const adviseCounsel = (
  advice: CounselAdvice,
  scope?: Category[],
  actor: Actor = counsel,
): RecordCounselAdvice => ({
  type: 'RecordCounselAdvice',
  ...at(actor),
  advice,
  ...(scope !== undefined && { scope: { categories: scope } }),
});

export const decideRelease = (
  decision: ReleaseDecision,
  categories?: Category[],
  actor: Actor = director,
): DecideRelease => ({
  type: 'DecideRelease',
  ...at(actor),
  decision,
  ...(categories !== undefined && { categories }),
  rationale: 'On advice of counsel',
});

export const produce = (categories: Category[], actor: Actor = director): RecordProduction => ({
  type: 'RecordProduction',
  ...at(actor),
  categories,
  recipient: 'State Police',
  method: 'electronic_transfer',
});

export const executeWarrant = (categories: Category[], actor: Actor = staff, instrumentId?: string): RecordWarrantExecution => ({
  type: 'RecordWarrantExecution',
  ...at(actor),
  ...(instrumentId !== undefined && { instrumentId }),
  categories,
  inventory: 'Two printouts',
  counselPresent: false,
});

export const confirmEarlierTime = (act: ConfirmEarlierTime['act'], actor: Actor = director): ConfirmEarlierTime => ({ type: 'ConfirmEarlierTime', ...at(actor, NOW), act });

export const grantNeedToKnow = (userId: string, actor: Actor = director): GrantNeedToKnow => ({
  type: 'GrantNeedToKnow',
  ...at(actor),
  userId,
});

export const wellnessCheck = (categories: Category[], actor: Actor = staff): RecordWellnessCheck => ({
  type: 'RecordWellnessCheck',
  ...at(actor, RECEIVED_AT),
  patron: patronInput,
  immediateThreat: true,
  observed: 'The patron collapsed in the reading room and left before the ambulance came',
  concern: 'Patron said they would harm themselves',
  agency: 'Town Police',
  categories,
});

export const endNondisclosure = (actor: Actor = director, overrides: Partial<Omit<EndNondisclosure, 'type'>> = {}): EndNondisclosure => ({
  type: 'EndNondisclosure',
  ...at(actor, NOW),
  instrumentId: 'ins-1',
  endedAt: LATER,
  how: 'lifted_by_court',
  ...overrides,
});

export const challengeNondisclosure = (actor: Actor = counsel, overrides: Partial<Omit<ChallengeNondisclosure, 'type'>> = {}): ChallengeNondisclosure => ({
  type: 'ChallengeNondisclosure',
  ...at(actor, NOW),
  instrumentId: 'ins-1',
  filedAt: LATER,
  court: 'U.S. District Court, D. Conn.',
  ...overrides,
});

export const recordPatronNotice = (actor: Actor = director, overrides: Partial<Omit<RecordPatronNotice, 'type'>> = {}): RecordPatronNotice => ({
  type: 'RecordPatronNotice',
  ...at(actor, NOW),
  method: 'mail',
  notifiedAt: NOW,
  ...overrides,
});

export const addNote = (actor: Actor = staff, text = 'Officer called back'): AddCaseNote => ({ type: 'AddCaseNote', ...at(actor, NOW), noteId: 'note-1', text });

export const addAttachment = (actor: Actor = director, overrides: Partial<Omit<AddAttachment, 'type'>> = {}): AddAttachment => ({
  type: 'AddAttachment',
  ...at(actor, NOW),
  attachmentId: 'att-1',
  kind: 'instrument',
  instrumentId: 'ins-1',
  filename: 'subpoena.pdf',
  mediaType: 'application/pdf',
  size: 2048,
  sha256: 'a'.repeat(64),
  ...overrides,
});

export type Step = CaseCommand | { command: CaseCommand; context: CaseDecisionContext };

export interface Outcome {
  readonly state: CaseState;
  readonly events: readonly CaseEvent[];
  readonly error?: unknown;
}

/** Runs the steps through decide + evolve; a step that throws fails the whole `given`. */
export function given(...steps: Step[]) {
  let state: CaseState = initialCaseState;
  const history: CaseEvent[] = [];
  for (const step of steps) {
    const { command, context } = 'command' in step ? step : { command: step, context: defaultContext };
    const events = decideCase(command, state, context);
    history.push(...events);
    state = events.reduce(evolveCase, state);
  }
  return {
    state,
    history,
    when(command: CaseCommand, context: CaseDecisionContext = defaultContext): Outcome {
      try {
        const events = decideCase(command, state, context);
        return { state: events.reduce(evolveCase, state), events };
      } catch (error) {
        return { state, events: [], error };
      }
    },
  };
}

export function withPatron(patron: PatronStanding): CaseDecisionContext {
  return { ...defaultContext, patron };
}

/** An LE case that has reached `awaiting_decision` under a subpoena for `scope` with the given advice. */
export function leCaseAdvised(scope: Category[], advice: CounselAdvice = 'comply', adviceScope?: Category[]) {
  return given(
    openLawEnforcementCase(),
    referToDirector(),
    recordInstrument(scope),
    referToCounsel(),
    adviseCounsel(advice, adviceScope),
  );
}

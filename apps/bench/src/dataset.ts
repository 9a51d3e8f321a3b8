/**
 * Realistic case events, fast: every case is made by the real case decider (so every event is one the
 * ledger could hold), chained and canonicalised by the real LedgerWriter, and appended many streams at
 * a time so that the SQLite store group-commits them (one transaction, one fsync per few thousand cases).
 */
import { randomUUID } from 'node:crypto';
import type { Actor, CaseCommand, CaseDecisionContext, CaseEvent, Category, ProtectedPatronInput } from '@ledger/domain';
import { caseDecider, initialPatronState, DEFAULT_JURISDICTION, policyStampOf, caseStream } from '@ledger/domain';
import type { LedgerWriter, ProtectedFields } from '@ledger/ledger';

const STAFF: Actor[] = Array.from({ length: 12 }, (_, i) => ({ userId: `00000000-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`, role: 'staff', isActiveDesignee: false }));
const DIRECTOR: Actor = { userId: '00000000-0000-4000-8000-0000000000d1', role: 'director', isActiveDesignee: false };
const COUNSEL: Actor = { userId: '00000000-0000-4000-8000-0000000000c1', role: 'counsel', isActiveDesignee: false };
/** The library's one approved vendor in the data set. */
const VENDORS = { vendors: [{ vendorId: 'v-collections', name: 'Collections Co', service: 'Debt collection', approvedAt: '2000-01-01T00:00:00.000Z', approvedBy: DIRECTOR.userId }] };
const CONTEXT: CaseDecisionContext = { patron: initialPatronState, vendors: VENDORS, counsel: { userId: COUNSEL.userId, role: 'counsel' }, grantee: null };

const SELF_CATEGORIES: Category[] = ['checkouts', 'holds', 'amount_owed', 'circulation_history', 'address', 'email', 'account_status'];

/** A small deterministic generator, so that two runs write the same mix. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Draft = Omit<CaseCommand, 'caseId' | 'occurredAt' | 'recordedAt'> & { at: number };

/** The commands of one case, by scenario; `t0` is when it was received (ms since epoch). */
function scenario(n: number, random: () => number, patron: ProtectedPatronInput, t0: number): Draft[] {
  const staff = STAFF[n % STAFF.length];
  const min = 60_000;
  const pick = (list: readonly Category[], k: number) => [...list].sort(() => random() - 0.5).slice(0, Math.max(1, k));
  const kind = n % 20;
  const open = (requester: object, channel: string, requestedCategories: Category[], ids: string[], purpose?: string): Draft =>
    ({ type: 'OpenCase', actor: staff, at: t0, requester, channel, patron, requestedCategories, identification: ids.map((k) => ({ kind: k })), ...(purpose && { purpose }) }) as Draft;
  const release = (categories: Category[], at: number): Draft => ({ type: 'RecordRelease', actor: staff, at, categories, method: 'in_person' }) as Draft;
  const refuse = (at: number, actor = staff): Draft => ({ type: 'RefuseRequest', actor, at, reason: 'No basis under the policy for this requester' }) as Draft;
  if (kind < 9) {
    const categories = pick(SELF_CATEGORIES, 1 + Math.floor(random() * 3));
    // Address and email need a photo identification at the desk (PATRON-PERSONAL-INFO-PHOTO-ID).
    return [open({ kind: 'patron', name: 'Patron at the desk' }, 'in_person', categories, ['library_card', 'photo_id']), release(categories, t0 + 4 * min)];
  }
  if (kind === 9) return [open({ kind: 'patron', name: 'Patron online' }, 'online', ['checkouts', 'holds'], ['account_login'])];
  if (kind < 12) {
    return [open({ kind: 'family_or_friend', name: 'Bo Lee' }, 'in_person', ['checkouts'], ['library_card'], 'renew the books'), release(['checkouts'], t0 + 3 * min)];
  }
  if (kind === 12) return [open({ kind: 'patron', name: 'Caller' }, 'phone', ['checkouts', 'holds'], ['card_barcode']), release(['checkouts', 'holds'], t0 + 2 * min)];
  if (kind === 13) return [open({ kind: 'debt_payer', name: 'Sam Payer' }, 'in_person', ['amount_owed'], []), release(['amount_owed'], t0 + 2 * min)];
  if (kind === 14) return [open({ kind: 'public_records', name: 'Reporter' }, 'email', ['circulation_history'], []), refuse(t0 + 30 * min)];
  if (kind === 15) return [open({ kind: 'vendor', name: 'Collections Co' }, 'online', ['name', 'card_number'], ['vendor_credentials']), release(['name', 'card_number'], t0 + 60 * min)];
  if (kind === 16) {
    const le = { kind: 'law_enforcement', name: 'Officer Dibble', agency: 'State Police', badgeNumber: '42' };
    return [
      open(le, 'in_person', ['circulation_history'], ['officer_credentials']),
      { type: 'ReferToDirector', actor: staff, at: t0 + 10 * min },
      { type: 'RecordLegalInstrument', actor: DIRECTOR, at: t0 + 20 * min, instrumentId: randomUUID(), instrumentType: 'court_order', issuedBy: 'Superior Court', servedAt: new Date(t0).toISOString(), returnDate: new Date(t0 + 14 * 86_400_000).toISOString(), scope: { categories: ['circulation_history'] }, nondisclosureOrder: n % 40 === 16 } as Draft,
      { type: 'ReferToCounsel', actor: DIRECTOR, at: t0 + 30 * min, counselUserId: COUNSEL.userId } as Draft,
      { type: 'RecordCounselAdvice', actor: COUNSEL, at: t0 + 2 * 86_400_000, advice: 'comply' } as Draft,
      { type: 'DecideRelease', actor: DIRECTOR, at: t0 + 3 * 86_400_000, decision: 'release', rationale: 'On advice of counsel' } as Draft,
      { type: 'RecordProduction', actor: DIRECTOR, at: t0 + 4 * 86_400_000, categories: ['circulation_history'], recipient: 'State Police', method: 'electronic_transfer' } as Draft,
    ];
  }
  if (kind === 17) {
    const le = { kind: 'law_enforcement', name: 'Agent Smith', agency: 'County Sheriff' };
    return [
      open(le, 'phone', ['name', 'address'], ['officer_credentials']),
      { type: 'ReferToDirector', actor: staff, at: t0 + 15 * min },
      { type: 'ExplainPolicy', actor: DIRECTOR, at: t0 + 40 * min },
    ];
  }
  if (kind === 18) {
    return [{ type: 'RecordWellnessCheck', actor: staff, at: t0, patron, immediateThreat: true, observed: 'The patron collapsed at a table and left confused', concern: 'Staff feared for the patron', agency: 'Town Police', categories: ['name', 'phone'] } as Draft];
  }
  return [open({ kind: 'other', name: 'A neighbour' }, 'phone', ['address'], []), refuse(t0 + 5 * min)];
}

export interface GeneratedCase {
  readonly caseId: string;
  readonly events: readonly CaseEvent[];
  readonly drafts: readonly { type: string; data: object; metadata: object }[];
}

/** Decides one case's whole history with the real decider. */
export function generateCase(n: number, random: () => number, patron: ProtectedPatronInput, t0: number): GeneratedCase {
  const caseId = randomUUID();
  let state = caseDecider.initialState;
  const events: CaseEvent[] = [];
  const drafts: { type: string; data: object; metadata: object }[] = [];
  for (const step of scenario(n, random, patron, t0)) {
    const { at, ...rest } = step;
    const iso = new Date(at).toISOString();
    const command = { ...rest, caseId, occurredAt: iso, recordedAt: iso } as CaseCommand;
    const decided = caseDecider.decide(command, state, CONTEXT);
    for (const event of decided) {
      state = caseDecider.evolve(state, event);
      events.push(event);
      drafts.push({
        type: event.type,
        data: event.data,
        metadata: { actor: { userId: command.actor.userId, role: command.actor.role }, occurredAt: iso, recordedAt: iso, ...policyStampOf(DEFAULT_JURISDICTION) },
      });
    }
  }
  return { caseId, events, drafts };
}

export interface PatronPool {
  readonly patrons: readonly ProtectedPatronInput[];
}

/** Protects `size` patron references once (the key store holds one data key each). */
export async function patronPool(protectedFields: ProtectedFields, size: number): Promise<ProtectedPatronInput[]> {
  return Promise.all(Array.from({ length: size }, async (_, i) => ({ ...(await protectedFields.protect(`2100${String(i).padStart(10, '0')}`)), isMinor: i % 17 === 0 })));
}

export interface GenerateOptions {
  /** Stop once at least this many events have been written. */
  readonly untilEvents?: number;
  /** Stop after this many cases. */
  readonly cases?: number;
  /** Cases appended concurrently (one group commit). */
  readonly batch?: number;
  readonly seed?: number;
  /** Case n is received at start + n * spacing. */
  readonly startMs?: number;
  readonly firstCase?: number;
  readonly onProgress?: (events: number, cases: number) => void;
}

/** Appends generated cases until the goal; returns how many cases and events it wrote. */
export async function generateCases(writer: LedgerWriter, patrons: readonly ProtectedPatronInput[], options: GenerateOptions): Promise<{ cases: number; events: number }> {
  const random = mulberry32(options.seed ?? 42);
  const batch = options.batch ?? 2000;
  const start = options.startMs ?? Date.parse('2023-01-02T09:00:00.000Z');
  const first = options.firstCase ?? 0;
  // One case every 2 minutes: 1,000,000 events spread over about 18 months of history.
  const spacing = 2 * 60_000;
  let cases = 0;
  let events = 0;
  for (;;) {
    if (options.cases !== undefined && cases >= options.cases) break;
    if (options.untilEvents !== undefined && events >= options.untilEvents) break;
    const size = options.cases !== undefined ? Math.min(batch, options.cases - cases) : batch;
    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < size; i++) {
      const n = first + cases + i;
      const generated = generateCase(n, random, patrons[n % patrons.length], start + n * spacing);
      events += generated.drafts.length;
      writes.push(writer.append(caseStream(generated.caseId), generated.drafts, null));
    }
    cases += size;
    await Promise.all(writes);
    options.onProgress?.(events, cases);
  }
  return { cases, events };
}

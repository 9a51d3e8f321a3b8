import { Inject, Injectable } from '@nestjs/common';
import {
  type Actor,
  assertCaseIdShape,
  citedUnder,
  sealedRefusal,
  whatMayBeShown,
  caseDecider,
  caseStream,
  NotFound,
  patronDecider,
  patronStream,
  RETENTION_SCHEDULER,
  RETENTION_STREAM,
  type RetentionCaseFacts,
  type RetentionCommand,
  type RetentionEvent,
  type RetentionState,
  retentionDecider,
  distinctCases,
  retentionFactsOfCase,
  withAttachedPatrons,
} from '@ledger/domain';
import { EVENT_STORE, type EventStore, type CommandPipeline, type PipelineResult, type ProtectedFields, identityKeyIdOf } from '@ledger/ledger';
import { retentionFactsOfPatron, retentionFactsUnderKey } from '@ledger/projections';
import { type Clock, CLOCK, COMMAND_PIPELINE, LIVE_VIEWS, PROTECTED_FIELDS } from '../infrastructure/tokens.js';
import { type CommandBase, type CommandInstants, type CommandUser, type LiveViews, PatronDirectory, type ResolvedPatron, StreamCommandRunner } from '@ledger/runtime';

/** How long a lifecycle command waits for the views to hold every case recorded before it. */
const VIEWS_CATCH_UP_MS = 5000;

/** Who the ledger names for what the retention schedule does on its own. */
const SCHEDULER = { userId: RETENTION_SCHEDULER, role: 'system' } as const;

/**
 * What every records-lifecycle command needs: a case's retention facts from its own stream (the
 * authority for a shred), the live fingerprints of keys, and one way to run a retention command —
 * append to `retention-main` first, then destroy the keys the recorded shreds name. A crash between
 * the two leaves a recorded shred whose key still exists; the scheduler's start (and `ledger
 * retention --reapply`) destroys it then. Never the other way round: no key is destroyed unrecorded.
 */
@Injectable()
export class RetentionDesk {
  constructor(
    @Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline,
    private readonly runner: StreamCommandRunner,
    @Inject(PROTECTED_FIELDS) private readonly protectedFields: ProtectedFields,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly patrons: PatronDirectory,
  ) {}

  now(): string {
    return this.clock.now().toISOString();
  }

  /**
   * The case's retention facts from its stream; a violation counts when the findings view holds one.
   * `actingOnIt`: a user's command on this very case (a sealed case that does not name them is 403 SEALED).
   */
  async caseFacts(caseId: string, actingOnIt?: Actor): Promise<RetentionCaseFacts> {
    assertCaseIdShape(caseId);
    const { state } = await this.pipeline.load(caseStream(caseId), caseDecider);
    if (!state.exists) throw new NotFound('No such case');
    if (actingOnIt && whatMayBeShown(actingOnIt, state) === 'sealed') throw citedUnder(sealedRefusal(), this.pipeline.jurisdiction);
    const keyId = identityKeyIdOf(state);
    const violation = this.views.db.prepare("SELECT 1 FROM findings WHERE case_id = ? AND severity = 'violation' LIMIT 1").get(caseId) !== undefined;
    const facts = retentionFactsOfCase(state, keyId, violation);
    // Holds and legal process act on the patron through any identifier: the facts say which are the patron's
    // (on a request about a resource or a transaction, every attached patron's).
    if (state.patron === undefined) {
      if (facts.attachedPatrons === undefined) return facts;
      const attached = await Promise.all(facts.attachedPatrons.map(async ([blindIndex]) => (await this.patrons.resolve(blindIndex)).identifiers.map((identifier) => identifier.blindIndex)));
      return { ...facts, ...withAttachedPatrons(attached) };
    }
    const { identifiers } = await this.patrons.resolve(state.patron.blindIndex);
    return identifiers.length > 1 ? { ...facts, patronIdentifiers: identifiers.map((identifier) => identifier.blindIndex) } : facts;
  }

  /** Every other case under the same key (first-reading per-patron keys), each from its own stream. */
  async sharingKey(facts: RetentionCaseFacts): Promise<RetentionCaseFacts[]> {
    if (!facts.keyId.startsWith('p-')) return [];
    await this.viewsCaughtUp();
    const others = retentionFactsUnderKey(this.views.db, facts.keyId).filter((other) => other.caseId !== facts.caseId);
    return Promise.all(others.map((other) => this.caseFacts(other.caseId)));
  }

  /** Every case of the patron, under any of its identifiers, open ones included, read from each case's stream (LEGAL-PROCESS-HOLD). */
  async patronCases(blindIndex: string): Promise<RetentionCaseFacts[]> {
    await this.viewsCaughtUp();
    const { identifiers } = await this.patrons.resolve(blindIndex);
    // A request about a resource may name the patron under two of its identifiers: it is listed once.
    const listed = distinctCases(identifiers.flatMap((identifier) => retentionFactsOfPatron(this.views.db, identifier.blindIndex)));
    listed.sort((a, b) => a.openedAt.localeCompare(b.openedAt) || a.caseId.localeCompare(b.caseId));
    return Promise.all(listed.map((facts) => this.caseFacts(facts.caseId)));
  }

  /** Every case of the case's patron; on a request about a resource, of every patron attached to it (none attached: none). */
  async casesOfPatronsOf(facts: RetentionCaseFacts): Promise<RetentionCaseFacts[]> {
    if (facts.blindIndex !== '') return this.patronCases(facts.blindIndex);
    return distinctCases((await Promise.all((facts.attachedPatrons ?? []).map(([blindIndex]) => this.patronCases(blindIndex)))).flat());
  }

  /** The patron an identifier names (itself when nobody linked it), and all of the patron's identifiers. */
  resolvePatron(blindIndex: string): Promise<ResolvedPatron> {
    return this.patrons.resolve(blindIndex);
  }

  /** Waits (as long as a lifecycle command waits for them) until the views hold `position`. */
  async viewsReached(position: bigint): Promise<void> {
    await this.views.waitFor(position, VIEWS_CATCH_UP_MS);
  }

  /** Waits until the views hold everything the ledger held a moment ago (cases listed from them are then complete). */
  async viewsCaughtUp(): Promise<void> {
    const head = await this.store.headPosition();
    if (head !== null && !(await this.views.waitFor(head, VIEWS_CATCH_UP_MS))) {
      throw new Error(`The views did not reach position ${head} within ${VIEWS_CATCH_UP_MS / 1000} s`);
    }
  }

  /** Whether this card (identifier) stands reported lost or was replaced (its own stream). */
  async cardReportedLost(blindIndex: string): Promise<boolean> {
    return (await this.pipeline.load(patronStream(blindIndex), patronDecider)).state.cardReportedLost;
  }

  fingerprints(keyIds: readonly string[]): Record<string, string | null> {
    return Object.fromEntries(keyIds.map((keyId) => [keyId, this.protectedFields.keyRecord(keyId)?.fingerprint ?? null]));
  }

  async load(): Promise<RetentionState> {
    return (await this.pipeline.load(RETENTION_STREAM, retentionDecider)).state;
  }

  /** Runs a retention command given by a user; the keys of the shreds it records are destroyed once the record is durable. */
  async execute(user: CommandUser, command: (base: CommandBase) => RetentionCommand): Promise<PipelineResult<RetentionState, RetentionEvent>> {
    return this.shredRecorded(await this.runner.run({ stream: RETENTION_STREAM, decider: retentionDecider, user, command }));
  }

  /** As `execute`, for the scheduler (`RETENTION_SCHEDULER`, the ledger itself acting). */
  async executeAsScheduler(command: (instants: CommandInstants) => RetentionCommand): Promise<PipelineResult<RetentionState, RetentionEvent>> {
    return this.shredRecorded(await this.runner.runAsSystem({ stream: RETENTION_STREAM, decider: retentionDecider, system: SCHEDULER, command }));
  }

  private shredRecorded(result: PipelineResult<RetentionState, RetentionEvent>): PipelineResult<RetentionState, RetentionEvent> {
    for (const event of result.events) {
      if (event.type === 'PatronIdentityShredded') this.protectedFields.shredKey(event.data.keyId, new Date(event.data.occurredAt));
      if (event.type === 'ErasureRequestAnswered') for (const { keyId } of event.data.identifierKeysShredded ?? []) this.protectedFields.shredKey(keyId, new Date(event.data.occurredAt));
    }
    return result;
  }
}

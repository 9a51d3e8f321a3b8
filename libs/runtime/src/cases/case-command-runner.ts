import {
  type CaseCommand,
  type CaseCommandBase,
  type CaseDecisionContext,
  type CaseEvent,
  type CaseState,
  type CaseStatus,
  type Outcome,
  caseDecider,
  initialPatronState,
  assertBackdatedAtMost,
  assertCaseIdShape,
  caseStream,
  vendorDecider,
  VENDORS_STREAM,
} from '@ledger/domain';
import type { CommandPipeline, LedgerConfig, PipelineResult } from '@ledger/ledger';
import type { DesigneeRoster } from './designee-roster.js';
import { ActorResolver } from './actor-resolver.js';
import { PatronDirectory } from '../patrons/patron-directory.js';
import type { Clock, CommandUser } from './command-user.js';
import { normalisedInstant, StreamCommandRunner } from './stream-command-runner.js';

export { type Clock, type CommandUser, systemClock } from './command-user.js';

/** What every case command answers: `201 {caseId, revision, position, status}` (+ `outcome` once closed). */
export interface CaseCommandResult {
  readonly caseId: string;
  readonly revision: string;
  readonly position: string;
  readonly status: CaseStatus;
  readonly outcome?: Outcome;
}

/** Who asks, when it happened, and the caller's `If-Match`: what every case command carries from HTTP. */
export interface CaseCommandEnvelope {
  readonly caseId: string;
  readonly user: CommandUser;
  /** From the body; default: the server's now. */
  readonly occurredAt?: string;
  /** From `If-Match`. */
  readonly ifMatch?: bigint;
}

export interface RunCaseCommand<C extends CaseCommand> extends CaseCommandEnvelope {
  /** The domain command, given the fields every case command shares. */
  readonly command: (base: CaseCommandBase) => C;
  /** What the decider needs from other streams (patron, counsel, grantee). */
  readonly context?: (state: CaseState) => CaseDecisionContext | Promise<CaseDecisionContext>;
  /** `new` when the command opens the case. */
  readonly opens?: boolean;
}

/**
 * Load → decide → append for the case stream, through the command pipeline. It resolves the actor
 * (designee powers from the roster) and the two instants the domain checks:
 * - `recordedAt` is the injected clock's now; `occurredAt` defaults to it. No clock skew is tolerated:
 *   an `occurredAt` after the server's now is `400` (field `occurredAt`), as is one before the case
 *   was received (both checked by the domain, answered with the field in `errors[]`); a case may be
 *   opened back-dated by at most `LEDGER_MAX_BACKDATE_DAYS`.
 * - Designee powers follow the one rule of `ActorResolver`: active both when the thing happened and
 *   now, when it is recorded.
 */
export class CaseCommandRunner {
  private readonly streams: StreamCommandRunner;
  private readonly patrons: PatronDirectory;

  constructor(
    protected readonly pipeline: CommandPipeline,
    protected readonly clock: Clock,
    protected readonly roster: DesigneeRoster,
    protected readonly limits: Pick<LedgerConfig, 'maxBackdateDays'> & Partial<Pick<LedgerConfig, 'timeZone'>>,
  ) {
    this.streams = new StreamCommandRunner(pipeline, clock, new ActorResolver(roster, clock));
    this.patrons = new PatronDirectory(pipeline);
  }

  /**
   * The patron's standing (written consents, card), for the decisions that weigh the patron's written
   * permission or evaluate the request again; and, for a vendor's request, the approved vendor list.
   */
  readonly patronContext = async (state: CaseState): Promise<CaseDecisionContext> =>
    state.exists
      ? {
          // A request about a resource or a transaction has no single patron whose written permission could open a door.
          patron: state.patron === undefined ? initialPatronState : await this.patrons.standing(state.patron.blindIndex),
          ...(state.requesterKind === 'vendor' && { vendors: (await this.pipeline.load(VENDORS_STREAM, vendorDecider)).state }),
        }
      : {};

  async run<C extends CaseCommand>(request: RunCaseCommand<C>): Promise<PipelineResult<CaseState, CaseEvent>> {
    assertCaseIdShape(request.caseId);
    const recordedAt = this.clock.now().toISOString();
    const occurredAt = normalisedInstant(request.occurredAt) ?? recordedAt;
    if (request.opens) assertBackdatedAtMost(occurredAt, recordedAt, this.limits.maxBackdateDays);
    return this.streams.runAt(
      {
        stream: caseStream(request.caseId),
        decider: caseDecider,
        user: request.user,
        command: (base): CaseCommand => request.command({ caseId: request.caseId, ...base }),
        // The statute's doors and every citation are those of the pack the ledger runs under; every decision
        // may bound a time its user supplies (an order's end, a notice) as an opening is bounded.
        context: async (state: CaseState): Promise<CaseDecisionContext> => ({
          maxBackdateDays: this.limits.maxBackdateDays,
          ...(this.limits.timeZone !== undefined && { timeZone: this.limits.timeZone }),
          ...(await request.context?.(state)),
          jurisdiction: this.pipeline.jurisdiction,
        }),
        expect: request.opens ? 'new' : 'existing',
        notFoundMessage: 'No such case',
        ...(request.ifMatch !== undefined && { ifMatch: request.ifMatch }),
      },
      occurredAt,
      recordedAt,
    );
  }
}

/** The answer every case command gives. */
export function caseCommandResult(caseId: string, result: PipelineResult<CaseState, CaseEvent>): CaseCommandResult {
  const state = result.state;
  return {
    caseId,
    revision: result.revision.toString(),
    position: result.position.toString(),
    status: state.exists ? state.status : 'open',
    ...(state.exists && state.outcome !== undefined && { outcome: state.outcome }),
  };
}

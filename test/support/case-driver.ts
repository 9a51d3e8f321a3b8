/**
 * Drives cases through the real command pipeline of a running app (the case HTTP endpoints are
 * built elsewhere): the same decider, chain and store the endpoints use, so the views see exactly
 * what they would see in production.
 */
import type { INestApplication } from '@nestjs/common';
import type { CaseCommand, CaseDecisionContext, Role } from '@ledger/domain';
import { caseDecider, initialPatronState } from '@ledger/domain';
import type { CommandPipeline, ProtectedFields } from '@ledger/ledger';
import { COMMAND_PIPELINE, PROTECTED_FIELDS } from '../../apps/api/src/infrastructure/tokens.js';
import type { TestClock } from './ledger-app.harness.js';

type Draft = Omit<CaseCommand, 'caseId' | 'actor' | 'occurredAt' | 'recordedAt'> & { occurredAt?: string };

export class CaseDriver {
  private readonly pipeline: CommandPipeline;
  private readonly protectedFields: ProtectedFields;

  constructor(
    app: INestApplication,
    private readonly clock: TestClock,
  ) {
    this.pipeline = app.get(COMMAND_PIPELINE);
    this.protectedFields = app.get(PROTECTED_FIELDS);
  }

  async patron(ref: string, isMinor = false) {
    return { ...(await this.protectedFields.protect(ref)), isMinor };
  }

  /** Runs one command on `case-<caseId>` as `actor`; returns the position written. */
  async run(caseId: string, actor: { userId: string; role: Role; isActiveDesignee?: boolean }, draft: Draft, context: CaseDecisionContext = {}): Promise<string> {
    const now = this.clock.now().toISOString();
    const command = { ...draft, caseId, actor: { isActiveDesignee: false, ...actor }, occurredAt: draft.occurredAt ?? now, recordedAt: now } as CaseCommand;
    const result = await this.pipeline.execute({
      stream: `case-${caseId}`,
      decider: caseDecider,
      command,
      meta: { actor: { userId: actor.userId, role: actor.role }, recordedAt: now },
      context: () => ({ patron: initialPatronState, ...context }),
    });
    return result.position.toString();
  }
}

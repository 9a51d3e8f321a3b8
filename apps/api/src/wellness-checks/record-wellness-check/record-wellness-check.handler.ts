import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { type Actor, assertBackdatedAtMost, caseDecider, caseStream } from '@ledger/domain';
import { caseKeyId, type CommandPipeline, type LedgerConfig, type ProtectedFields } from '@ledger/ledger';
import { DesigneeRoster } from '../../auth/designee-roster.js';
import { type Clock, CLOCK, COMMAND_PIPELINE, LEDGER_CONFIG, PROTECTED_FIELDS } from '../../infrastructure/tokens.js';
import { RecordWellnessCheckCommand, type RecordedWellnessCheck } from './record-wellness-check.command.js';

@CommandHandler(RecordWellnessCheckCommand)
export class RecordWellnessCheckHandler implements ICommandHandler<RecordWellnessCheckCommand, RecordedWellnessCheck> {
  constructor(
    @Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline,
    @Inject(PROTECTED_FIELDS) private readonly protectedFields: ProtectedFields,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    private readonly roster: DesigneeRoster,
  ) {}

  async execute(command: RecordWellnessCheckCommand): Promise<RecordedWellnessCheck> {
    const now = this.clock.now().toISOString();
    const occurredAt = command.occurredAt ?? now;
    assertBackdatedAtMost(occurredAt, now, this.config.maxBackdateDays);
    const caseId = randomUUID();
    const patron = await this.protectedFields.protect(command.patronRef, caseKeyId(caseId));
    const isActiveDesignee = command.user.role === 'staff' && (await this.roster.isActiveDesignee(command.user.userId, new Date(occurredAt)));
    const actor: Actor = { userId: command.user.userId, role: command.user.role, isActiveDesignee };
    // Opens and closes the case in one append: request, disclosure (name, phone, address at most), closure.
    const result = await this.pipeline.execute({
      stream: caseStream(caseId),
      decider: caseDecider,
      expect: 'new',
      command: {
        type: 'RecordWellnessCheck',
        caseId,
        actor,
        occurredAt,
        recordedAt: now,
        patron,
        ...(command.immediateThreat !== undefined && { immediateThreat: command.immediateThreat }),
        ...(command.observed !== undefined && { observed: command.observed }),
        concern: command.concern,
        agency: command.agency,
        ...(command.officer !== undefined && { officer: command.officer }),
        categories: command.categories,
      },
      meta: { actor, recordedAt: now, occurredAt },
      context: () => ({}),
    });
    const status = result.state.exists ? result.state.status : 'closed';
    return { caseId, revision: result.revision.toString(), position: result.position.toString(), status };
  }
}

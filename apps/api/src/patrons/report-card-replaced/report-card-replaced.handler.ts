import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { patronDecider } from '@ledger/domain';
import type { CommandPipeline, ProtectedFields } from '@ledger/ledger';
import { DesigneeRoster } from '../../auth/designee-roster.js';
import { type Clock, CLOCK, COMMAND_PIPELINE, PROTECTED_FIELDS } from '../../infrastructure/tokens.js';
import { actorAt, type PatronCommandResult, patronStream } from '../patron-desk.js';
import { ReportCardReplacedCommand } from './report-card-replaced.command.js';

@CommandHandler(ReportCardReplacedCommand)
export class ReportCardReplacedHandler implements ICommandHandler<ReportCardReplacedCommand, PatronCommandResult> {
  constructor(
    @Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline,
    @Inject(PROTECTED_FIELDS) private readonly protectedFields: ProtectedFields,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly roster: DesigneeRoster,
  ) {}

  async execute(command: ReportCardReplacedCommand): Promise<PatronCommandResult> {
    const now = this.clock.now().toISOString();
    const occurredAt = command.occurredAt ?? now;
    const { blindIndex, pseudonym } = this.protectedFields.protect(command.patronRef);
    const actor = await actorAt(this.roster, command.user, occurredAt);
    const result = await this.pipeline.execute({
      stream: patronStream(blindIndex),
      decider: patronDecider,
      command: { type: 'ReportCardReplaced', patron: { blindIndex, pseudonym }, actor, occurredAt, recordedAt: now },
      meta: { actor, recordedAt: now, occurredAt },
    });
    return { revision: result.revision.toString(), position: result.position.toString() };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { patronDecider } from '@ledger/domain';
import type { CommandPipeline, ProtectedFields } from '@ledger/ledger';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ActorResolver } from '../auth/designee-roster.js';
import { type Clock, CLOCK, COMMAND_PIPELINE, PROTECTED_FIELDS } from '../infrastructure/tokens.js';
import { type PatronCommandResult, patronStream } from './patron-desk.js';

/** Records a card reported lost or replaced on the patron's stream: the two differ only in the command. */
@Injectable()
export class CardReportRecorder {
  constructor(
    @Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline,
    @Inject(PROTECTED_FIELDS) private readonly protectedFields: ProtectedFields,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly actors: ActorResolver,
  ) {}

  async record(
    type: 'ReportCardLost' | 'ReportCardReplaced',
    report: { readonly patronRef: string; readonly occurredAt: string | undefined; readonly user: AuthenticatedUser },
  ): Promise<PatronCommandResult> {
    const now = this.clock.now().toISOString();
    const occurredAt = report.occurredAt ?? now;
    const { blindIndex, pseudonym } = this.protectedFields.identify(report.patronRef);
    const actor = await this.actors.actorAt(report.user, occurredAt, now);
    const result = await this.pipeline.execute({
      stream: patronStream(blindIndex),
      decider: patronDecider,
      command: { type, patron: { blindIndex, pseudonym }, actor, occurredAt, recordedAt: now },
      meta: { actor, recordedAt: now, occurredAt },
    });
    return { revision: result.revision.toString(), position: result.position.toString() };
  }
}

import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { type Actor, type KnownUser, rosterDecider, userDecider, userStream, ROSTER_STREAM } from '@ledger/domain';
import type { CommandPipeline } from '@ledger/ledger';
import { type Clock, CLOCK, COMMAND_PIPELINE } from '../../infrastructure/tokens.js';
import { AppointDesigneeCommand, type AppointedDesignee } from './appoint-designee.command.js';

@CommandHandler(AppointDesigneeCommand)
export class AppointDesigneeHandler implements ICommandHandler<AppointDesigneeCommand, AppointedDesignee> {
  constructor(
    @Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: AppointDesigneeCommand): Promise<AppointedDesignee> {
    const now = this.clock.now().toISOString();
    const appointmentId = randomUUID();
    // Only the director appoints (the decider checks): designee powers are not the appointer's to have.
    const actor: Actor = { userId: command.user.userId, role: command.user.role, isActiveDesignee: false };
    const result = await this.pipeline.execute({
      stream: ROSTER_STREAM,
      decider: rosterDecider,
      command: { type: 'AppointDesignee', appointmentId, userId: command.userId, from: command.from, to: command.to, actor, occurredAt: now, recordedAt: now },
      meta: { actor, recordedAt: now },
      context: async () => ({ appointee: await this.knownUser(command.userId) }),
    });
    return { appointmentId, userId: command.userId, from: command.from, to: command.to, revision: result.revision.toString(), position: result.position.toString() };
  }

  private async knownUser(userId: string): Promise<KnownUser | null> {
    const { state } = await this.pipeline.load(userStream(userId), userDecider);
    return state.exists && state.userId !== null && state.role !== null ? { userId: state.userId, role: state.role } : null;
  }
}

import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type KnownUser, type RosterCommand, rosterDecider, userDecider, userStream, ROSTER_STREAM } from '@ledger/domain';
import type { CommandPipeline } from '@ledger/ledger';
import { StreamCommandRunner } from '@ledger/runtime';
import { COMMAND_PIPELINE } from '../../infrastructure/tokens.js';
import { AppointDesigneeCommand, type AppointedDesignee } from './appoint-designee.command.js';
import { newEntityId } from '@ledger/ledger';

@CommandHandler(AppointDesigneeCommand)
export class AppointDesigneeHandler implements ICommandHandler<AppointDesigneeCommand, AppointedDesignee> {
  constructor(
    @Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline,
    private readonly runner: StreamCommandRunner,
  ) {}

  async execute(command: AppointDesigneeCommand): Promise<AppointedDesignee> {
    const appointmentId = newEntityId();
    // Only the director appoints (the decider checks): designee powers are not the appointer's to have.
    const result = await this.runner.run({
      stream: ROSTER_STREAM,
      decider: rosterDecider,
      user: command.user,
      command: (base): RosterCommand => ({ type: 'AppointDesignee', appointmentId, userId: command.userId, from: command.from, to: command.to, ...base }),
      context: async () => ({ appointee: await this.knownUser(command.userId) }),
    });
    return { appointmentId, userId: command.userId, from: command.from, to: command.to, revision: result.revision.toString(), position: result.position.toString() };
  }

  private async knownUser(userId: string): Promise<KnownUser | null> {
    const { state } = await this.pipeline.load(userStream(userId), userDecider);
    return state.exists && state.userId !== null && state.role !== null ? { userId: state.userId, role: state.role } : null;
  }
}

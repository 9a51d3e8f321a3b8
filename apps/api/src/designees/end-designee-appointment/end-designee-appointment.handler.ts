import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Actor, rosterDecider, ROSTER_STREAM } from '@ledger/domain';
import type { CommandPipeline } from '@ledger/ledger';
import { type Clock, CLOCK, COMMAND_PIPELINE } from '../../infrastructure/tokens.js';
import { EndDesigneeAppointmentCommand } from './end-designee-appointment.command.js';

@CommandHandler(EndDesigneeAppointmentCommand)
export class EndDesigneeAppointmentHandler implements ICommandHandler<EndDesigneeAppointmentCommand> {
  constructor(
    @Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: EndDesigneeAppointmentCommand) {
    const now = this.clock.now().toISOString();
    const actor: Actor = { userId: command.user.userId, role: command.user.role, isActiveDesignee: false };
    // Ends every appointment in force or to come, now: 404 (from the decider) when there is none.
    const result = await this.pipeline.execute({
      stream: ROSTER_STREAM,
      decider: rosterDecider,
      command: { type: 'EndDesigneeAppointment', userId: command.userId, at: now, actor, occurredAt: now, recordedAt: now },
      meta: { actor, recordedAt: now },
    });
    return { ended: result.events.length, revision: result.revision.toString(), position: result.position.toString() };
  }
}

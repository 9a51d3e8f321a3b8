import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type RosterCommand, rosterDecider, ROSTER_STREAM } from '@ledger/domain';
import { StreamCommandRunner } from '@ledger/runtime';
import { EndDesigneeAppointmentCommand } from './end-designee-appointment.command.js';

@CommandHandler(EndDesigneeAppointmentCommand)
export class EndDesigneeAppointmentHandler implements ICommandHandler<EndDesigneeAppointmentCommand> {
  constructor(private readonly runner: StreamCommandRunner) {}

  async execute(command: EndDesigneeAppointmentCommand) {
    // Ends every appointment in force or to come, now: 404 (from the decider) when there is none.
    const result = await this.runner.run({
      stream: ROSTER_STREAM,
      decider: rosterDecider,
      user: command.user,
      command: (base): RosterCommand => ({ type: 'EndDesigneeAppointment', userId: command.userId, at: base.recordedAt, ...base }),
    });
    return { ended: result.events.length, revision: result.revision.toString(), position: result.position.toString() };
  }
}

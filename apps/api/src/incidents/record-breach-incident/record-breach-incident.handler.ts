import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type IncidentCommand, incidentDecider } from '@ledger/domain';
import { StreamCommandRunner } from '@ledger/runtime';
import { IncidentFollowUpRecorder, incidentStream } from '../incident-follow-ups/incident-follow-up.recorder.js';
import type { IncidentRecordedDto } from '../incident.response.dto.js';
import { RecordBreachIncidentCommand } from './record-breach-incident.command.js';
import { newEntityId } from '@ledger/ledger';

@CommandHandler(RecordBreachIncidentCommand)
export class RecordBreachIncidentHandler implements ICommandHandler<RecordBreachIncidentCommand, IncidentRecordedDto> {
  constructor(
    private readonly runner: StreamCommandRunner,
    private readonly recorder: IncidentFollowUpRecorder,
  ) {}

  async execute(command: RecordBreachIncidentCommand): Promise<IncidentRecordedDto> {
    const incidentId = newEntityId();
    const affectedPatrons = await this.recorder.protectAffected(incidentId, command.affected.patronRefs ?? []);
    const result = await this.runner.run({
      stream: incidentStream(incidentId),
      decider: incidentDecider,
      expect: 'new',
      user: command.user,
      command: (base): IncidentCommand => ({
        type: 'RecordBreachIncident',
        ...base,
        incidentId,
        discoveredAt: command.discoveredAt,
        description: command.description,
        systems: command.systems,
        affectedPatrons,
        ...(command.affected.group !== undefined && { affectedGroup: command.affected.group }),
        dataElements: command.dataElements,
      }),
    });
    return { incidentId, revision: result.revision.toString(), position: result.position.toString() };
  }
}

import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type IncidentCommand, incidentDecider } from '@ledger/domain';
import { incidentKeyId, type ProtectedFields } from '@ledger/ledger';
import { StreamCommandRunner } from '@ledger/runtime';
import { PROTECTED_FIELDS } from '../../infrastructure/tokens.js';
import type { IncidentRecordedDto } from '../incident.response.dto.js';
import { RecordBreachIncidentCommand } from './record-breach-incident.command.js';
import { newEntityId } from '@ledger/ledger';

export function incidentStream(incidentId: string): string {
  return `incident-${incidentId}`;
}

@CommandHandler(RecordBreachIncidentCommand)
export class RecordBreachIncidentHandler implements ICommandHandler<RecordBreachIncidentCommand, IncidentRecordedDto> {
  constructor(
    private readonly runner: StreamCommandRunner,
    @Inject(PROTECTED_FIELDS) private readonly protectedFields: ProtectedFields,
  ) {}

  async execute(command: RecordBreachIncidentCommand): Promise<IncidentRecordedDto> {
    const incidentId = newEntityId();
    // Each affected patron's reference under a key of this incident's own: shreddable apart from their cases.
    const affectedPatrons = await Promise.all(
      (command.affected.patronRefs ?? []).map(async (ref) => {
        const { blindIndex } = this.protectedFields.identify(ref);
        return this.protectedFields.protect(ref, incidentKeyId(incidentId, blindIndex));
      }),
    );
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
      }),
    });
    return { incidentId, revision: result.revision.toString(), position: result.position.toString() };
  }
}

import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { incidentDecider } from '@ledger/domain';
import { type CommandPipeline, incidentKeyId, type ProtectedFields } from '@ledger/ledger';
import { COMMAND_PIPELINE, PROTECTED_FIELDS } from '../../infrastructure/tokens.js';
import { actorOf, RetentionDesk } from '../../retention/retention-desk.js';
import type { IncidentRecordedDto } from '../incident.response.dto.js';
import { RecordBreachIncidentCommand } from './record-breach-incident.command.js';

export function incidentStream(incidentId: string): string {
  return `incident-${incidentId}`;
}

@CommandHandler(RecordBreachIncidentCommand)
export class RecordBreachIncidentHandler implements ICommandHandler<RecordBreachIncidentCommand, IncidentRecordedDto> {
  constructor(
    @Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline,
    @Inject(PROTECTED_FIELDS) private readonly protectedFields: ProtectedFields,
    private readonly desk: RetentionDesk,
  ) {}

  async execute(command: RecordBreachIncidentCommand): Promise<IncidentRecordedDto> {
    const now = this.desk.now();
    const actor = actorOf(command.user);
    const incidentId = randomUUID();
    // Each affected patron's reference under a key of this incident's own: shreddable apart from their cases.
    const affectedPatrons = await Promise.all(
      (command.affected.patronRefs ?? []).map(async (ref) => {
        const { blindIndex } = this.protectedFields.identify(ref);
        return this.protectedFields.protect(ref, incidentKeyId(incidentId, blindIndex));
      }),
    );
    const result = await this.pipeline.execute({
      stream: incidentStream(incidentId),
      decider: incidentDecider,
      expect: 'new',
      command: {
        type: 'RecordBreachIncident',
        actor,
        occurredAt: now,
        recordedAt: now,
        incidentId,
        discoveredAt: command.discoveredAt,
        description: command.description,
        systems: command.systems,
        affectedPatrons,
        ...(command.affected.group !== undefined && { affectedGroup: command.affected.group }),
      },
      meta: { actor, recordedAt: now, occurredAt: now },
    });
    return { incidentId, revision: result.revision.toString(), position: result.position.toString() };
  }
}

import { Command } from '@nestjs/cqrs';
import type { BreachDataElement } from '@ledger/domain';
import type { AuthenticatedUser } from '../../auth/authenticated-user.js';
import type { IncidentRecordedDto } from '../incident.response.dto.js';

export class RecordBreachIncidentCommand extends Command<IncidentRecordedDto> {
  constructor(
    readonly discoveredAt: string,
    readonly description: string,
    readonly systems: readonly string[],
    readonly affected: { readonly patronRefs?: readonly string[]; readonly group?: string },
    readonly dataElements: readonly BreachDataElement[],
    readonly user: AuthenticatedUser,
  ) {
    super();
  }
}

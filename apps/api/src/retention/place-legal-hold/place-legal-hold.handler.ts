import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Inject } from '@nestjs/common';
import type { LegalHoldTarget } from '@ledger/domain';
import type { ProtectedFields } from '@ledger/ledger';
import { PROTECTED_FIELDS } from '../../infrastructure/tokens.js';
import { RetentionDesk } from '../retention-desk.js';
import { type LegalHoldPlaced, PlaceLegalHoldCommand } from './place-legal-hold.command.js';
import { newEntityId } from '@ledger/ledger';

@CommandHandler(PlaceLegalHoldCommand)
export class PlaceLegalHoldHandler implements ICommandHandler<PlaceLegalHoldCommand, LegalHoldPlaced> {
  constructor(
    private readonly desk: RetentionDesk,
    @Inject(PROTECTED_FIELDS) private readonly protectedFields: ProtectedFields,
  ) {}

  async execute(command: PlaceLegalHoldCommand): Promise<LegalHoldPlaced> {
    let target: LegalHoldTarget;
    if ('caseId' in command.target) {
      // 404 for a case that does not exist: a hold must name something the ledger holds.
      await this.desk.caseFacts(command.target.caseId);
      target = { caseId: command.target.caseId };
    } else {
      // A patron is held through the blind index of their own identity: every case of theirs, past and future, under any identifier.
      target = { patron: (await this.desk.resolvePatron(this.protectedFields.identify(command.target.patronRef).blindIndex)).patron };
    }
    const holdId = newEntityId();
    const result = await this.desk.execute(command.user, (base) => ({
      type: 'PlaceLegalHold',
      ...base,
      holdId,
      target,
      reason: command.reason,
      ...(command.matter !== undefined && { matter: command.matter }),
    }));
    return { holdId, revision: result.revision.toString(), position: result.position.toString() };
  }
}

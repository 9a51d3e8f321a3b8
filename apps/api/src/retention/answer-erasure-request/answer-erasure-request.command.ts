import { Command } from '@nestjs/cqrs';
import type { IdentificationKind } from '@ledger/domain';
import type { AuthenticatedUser } from '../../auth/authenticated-user.js';
import type { ErasureAnswerDto } from '../retention.response.dto.js';

export class AnswerErasureRequestCommand extends Command<ErasureAnswerDto> {
  constructor(
    readonly patronRef: string,
    readonly identification: readonly IdentificationKind[],
    readonly user: AuthenticatedUser,
  ) {
    super();
  }
}

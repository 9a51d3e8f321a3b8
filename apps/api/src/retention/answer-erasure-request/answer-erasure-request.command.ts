import { Command } from '@nestjs/cqrs';
import type { Channel, IdentificationKind, RequesterKind } from '@ledger/domain';
import type { AuthenticatedUser } from '../../auth/authenticated-user.js';
import type { ErasureAnswerDto, ErasureRequestRecordedDto } from '../retention.response.dto.js';

/** Staff record a patron's erasure request (nothing is shredded yet). */
export class RecordErasureRequestCommand extends Command<ErasureRequestRecordedDto> {
  constructor(
    readonly patronRef: string,
    readonly requesterKind: RequesterKind,
    readonly channel: Channel,
    readonly identification: readonly IdentificationKind[],
    readonly user: AuthenticatedUser,
  ) {
    super();
  }
}

/** The Director approves a recorded erasure request: what may go is shredded now. */
export class AnswerErasureRequestCommand extends Command<ErasureAnswerDto> {
  constructor(
    readonly requestId: string,
    readonly user: AuthenticatedUser,
  ) {
    super();
  }
}

import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotFound } from '@ledger/domain';
import { type EventProofBody, LEDGER_LOG, type LedgerLog } from '@ledger/ledger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { ProblemResponses } from '../../http/openapi.js';
import { assertMayProveEvent } from '../event-proof-access.js';
import { EventProofResponseDto } from '../ledger-log.response.dto.js';
import { ProveEventRequestDto } from './prove-event.request.dto.js';
import { idParam } from '../../http/validation.js';

@ApiTags('ledger')
@Controller('v1/ledger/proofs/events/:eventId')
export class ProveEventHttpController {
  constructor(
    @Inject(LEDGER_LOG) private readonly log: LedgerLog,
    private readonly queries: QueryBus,
  ) {}

  /**
   * One event's inclusion proof and the checkpoint it leads to. A case event's proof goes to those
   * who may read the case (the same rule as `GET /v1/cases/:caseId`, sealed cases included); the
   * proof of any other event (users, patrons, the roster, the access log) to the auditor and the
   * director only, since an event id is itself something only they see of those streams.
   */
  @Get()
  @ApiOperation({ summary: 'Prove one event included in the log' })
  @Roles('staff', 'director', 'counsel', 'auditor')
  @ApiOkResponse({ type: EventProofResponseDto })
  @ProblemResponses(400, [403, 'The caller may not read the event’s case (`rule: "SEALED"` for a sealed one), or it is not a case event and the caller is neither auditor nor director'], [404, 'No such event in the log (yet), or `size` is beyond the log'], 503)
  async prove(@Param('eventId', idParam('eventId')) eventId: string, @Query() query: ProveEventRequestDto, @CurrentUser() user: AuthenticatedUser): Promise<EventProofBody> {
    const leaf = this.log.store.leafOfEvent(eventId);
    if (!leaf) throw new NotFound('No such event in the log');
    await assertMayProveEvent(this.queries, leaf, user);
    return this.log.eventProof(eventId, query.size)!;
  }
}

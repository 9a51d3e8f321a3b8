import { Controller, Get, Inject, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotFound } from '@ledger/domain';
import { LEDGER_LOG, type LedgerLog, LogRangeError, type ReceiptBody } from '@ledger/ledger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { ProblemResponses } from '../../http/openapi.js';
import { assertMayProveEvent } from '../event-proof-access.js';
import { EVERY_ROLE } from '../ledger-log-roles.js';
import { ReceiptResponseDto } from '../ledger-log.response.dto.js';
import { GetReceiptRequestDto } from './get-receipt.request.dto.js';

@ApiTags('ledger')
@Controller('v1/ledger/receipts')
export class GetReceiptHttpController {
  constructor(
    @Inject(LEDGER_LOG) private readonly log: LedgerLog,
    private readonly queries: QueryBus,
  ) {}

  /**
   * A write's receipt, once a signed checkpoint covers every event it appended: the link a write
   * sent with `Prefer: receipt` answers with when its events were not yet covered. Each event's
   * proof goes to whoever may have it from `GET /v1/ledger/proofs/events/:eventId`.
   */
  @Get()
  @ApiOperation({ summary: 'Get the receipt of a write: a signed checkpoint and the inclusion proofs of its events' })
  @Roles(...EVERY_ROLE)
  @ApiOkResponse({ type: ReceiptResponseDto })
  @ProblemResponses(
    400,
    [403, 'The caller may not have the proof of one of the events (as `GET /v1/ledger/proofs/events/:eventId`)'],
    [404, 'No such event in the log (yet), or no signed checkpoint covers them all yet: ask again in a second'],
    503,
  )
  async receipt(@Query() query: GetReceiptRequestDto, @CurrentUser() user: AuthenticatedUser): Promise<ReceiptBody> {
    const ids = [...new Set(query.events.toLowerCase().split(','))];
    for (const id of ids) {
      const leaf = this.log.store.leafOfEvent(id);
      if (!leaf) throw new NotFound('No such event in the log (yet)');
      await assertMayProveEvent(this.queries, leaf, user);
    }
    const receipt = this.log.receipt(ids);
    if (!receipt) throw new LogRangeError('No signed checkpoint covers these events yet; ask again in a second');
    return receipt;
  }
}

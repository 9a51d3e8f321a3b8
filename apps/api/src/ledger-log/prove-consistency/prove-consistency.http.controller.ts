import { BadRequestException, Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type ConsistencyProofBody, LEDGER_LOG, type LedgerLog } from '@ledger/ledger';
import { Roles } from '../../auth/authenticated-user.js';
import { ProblemResponses } from '../../http/openapi.js';
import { EVERY_ROLE } from '../ledger-log-roles.js';
import { ConsistencyProofResponseDto } from '../ledger-log.response.dto.js';
import { ProveConsistencyRequestDto } from './prove-consistency.request.dto.js';

@ApiTags('ledger')
@Controller('v1/ledger/proofs/consistency')
export class ProveConsistencyHttpController {
  constructor(@Inject(LEDGER_LOG) private readonly log: LedgerLog) {}

  /** RFC 9162 §2.1.4: that the tree of `to` entries extends the tree of `from` (hashes in base64). */
  @Get()
  @ApiOperation({ summary: 'Prove one log size consistent with a larger one' })
  @Roles(...EVERY_ROLE)
  @ApiOkResponse({ type: ConsistencyProofResponseDto })
  @ProblemResponses(400, [404, 'The log does not hold `to` entries (yet)'], 503)
  prove(@Query() query: ProveConsistencyRequestDto): ConsistencyProofBody {
    if (query.from > query.to) throw new BadRequestException('from must not exceed to');
    return this.log.consistencyProof(query.from, query.to);
  }
}

import { BadRequestException, Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type InclusionProofBody, LEDGER_LOG, type LedgerLog } from '@ledger/ledger';
import { Roles } from '../../auth/authenticated-user.js';
import { ProblemResponses } from '../../http/openapi.js';
import { EVERY_ROLE } from '../ledger-log-roles.js';
import { InclusionProofResponseDto } from '../ledger-log.response.dto.js';
import { ProveInclusionRequestDto } from './prove-inclusion.request.dto.js';

@ApiTags('ledger')
@Controller('v1/ledger/proofs/inclusion')
export class ProveInclusionHttpController {
  constructor(@Inject(LEDGER_LOG) private readonly log: LedgerLog) {}

  /** RFC 9162 §2.1.3: leaf `index` is in the tree of `size` entries (leaf hash and path in base64). */
  @Get()
  @ApiOperation({ summary: 'Prove a leaf included in the log' })
  @Roles(...EVERY_ROLE)
  @ApiOkResponse({ type: InclusionProofResponseDto })
  @ProblemResponses(400, [404, 'The log does not hold `size` entries (yet)'], 503)
  prove(@Query() query: ProveInclusionRequestDto): InclusionProofBody {
    if (query.index >= query.size) throw new BadRequestException('index must be less than size');
    return this.log.inclusionProof(query.index, query.size);
  }
}

import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { LEDGER_LOG, type LedgerLog } from '@ledger/ledger';
import { LogPublic, Roles } from '../../auth/authenticated-user.js';
import { ViewQueryRequestDto } from '../../views/shared/page-query.request.dto.js';
import { ProblemResponses } from '../../http/openapi.js';
import { EVERY_ROLE } from '../ledger-log-roles.js';
import { KeyRotationsResponseDto } from '../ledger-log.response.dto.js';

@ApiTags('ledger')
@Controller('v1/ledger/key-rotations')
export class ListKeyRotationsHttpController {
  constructor(@Inject(LEDGER_LOG) private readonly log: LedgerLog) {}

  /**
   * Every rotation of the log's signing key, oldest first: each a checkpoint naming the new key,
   * signed by the old key and the new. From the key a verifier pinned, it leads to the key the log
   * signs with now (`GET /v1/ledger/public-key`).
   */
  @Get()
  @ApiOperation({ summary: 'The log\'s signing key rotations' })
  @Roles(...EVERY_ROLE)
  @LogPublic()
  @ApiOkResponse({ type: KeyRotationsResponseDto })
  @ProblemResponses(400, 503)
  keyRotations(@Query() _query: ViewQueryRequestDto): KeyRotationsResponseDto {
    return { publicKey: this.log.verifierKey, items: this.log.keyRotations() };
  }
}

import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RecordAccess } from '../../../access-log/record-access.interceptor.js';
import { Roles } from '../../../auth/authenticated-user.js';
import { VerifyLedgerQuery } from './verify-ledger.query.js';
import { VerifyLedgerResponseDto } from './verify-ledger.response.dto.js';

@ApiTags('audit')
@Controller('v1/ledger/verify')
export class VerifyLedgerHttpController {
  constructor(private readonly queries: QueryBus) {}

  /** Re-computes every hash chain from the stored bytes: `{ok, streams, events, firstBroken?}`. */
  @Get()
  @ApiOperation({ summary: 'Verify the ledger\'s hash chain and log' })
  @Roles('auditor')
  @RecordAccess({ action: 'ledger_verify' })
  @ApiOkResponse({ type: VerifyLedgerResponseDto })
  async verify() {
    return this.queries.execute(new VerifyLedgerQuery());
  }
}

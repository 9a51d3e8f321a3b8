import { Controller, Get, Header, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { LEDGER_LOG, type LedgerLog } from '@ledger/ledger';
import { LogPublic, Roles } from '../../auth/authenticated-user.js';
import { ViewQueryRequestDto } from '../../views/shared/page-query.request.dto.js';
import { ProblemResponses } from '../../http/openapi.js';
import { EVERY_ROLE } from '../ledger-log-roles.js';
import { TEXT_ANSWER } from '../ledger-log.response.dto.js';

@ApiTags('ledger')
@Controller('v1/ledger/public-key')
export class GetPublicKeyHttpController {
  constructor(@Inject(LEDGER_LOG) private readonly log: LedgerLog) {}

  /** The log's verifier key in note format; pin it once (better: from the library, not over this connection). */
  @Get()
  @ApiOperation({ summary: 'The log\'s public verification key' })
  @Roles(...EVERY_ROLE)
  @LogPublic()
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: '`<name>+<hex key id>+<base64(0x01 ‖ Ed25519 public key)>` and a newline', content: TEXT_ANSWER })
  @ProblemResponses(400, 503)
  publicKey(@Query() _query: ViewQueryRequestDto): string {
    return `${this.log.verifierKey}\n`;
  }
}

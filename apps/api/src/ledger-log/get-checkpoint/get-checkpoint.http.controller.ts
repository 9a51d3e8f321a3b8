import { Controller, Get, Header, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { LEDGER_LOG, type LedgerLog, LogRangeError } from '@ledger/ledger';
import { LogPublic, Roles } from '../../auth/authenticated-user.js';
import { ViewQueryRequestDto } from '../../views/shared/page-query.request.dto.js';
import { ProblemResponses } from '../../http/openapi.js';
import { EVERY_ROLE } from '../ledger-log-roles.js';
import { TEXT_ANSWER } from '../ledger-log.response.dto.js';

@ApiTags('ledger')
@Controller('v1/ledger/checkpoint')
export class GetCheckpointHttpController {
  constructor(@Inject(LEDGER_LOG) private readonly log: LedgerLog) {}

  /** The latest signed checkpoint, as a C2SP signed note, with the `cosignature/v1` lines of the witnesses that cosigned it: what a witness keeps and later holds the log to. */
  @Get()
  @ApiOperation({ summary: 'The log\'s latest signed checkpoint' })
  @Roles(...EVERY_ROLE)
  @LogPublic()
  @Header('Content-Type', 'text/plain; charset=utf-8')
  // C2SP tlog-tiles: the checkpoint changes with every write, so no cache keeps it beyond a request.
  @Header('Cache-Control', 'no-cache')
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: '`<origin>\\n<size>\\n<base64 root>\\n\\n— <key name> <base64(key id ‖ signature)>\\n`, then one `— <witness name> <base64(key id ‖ timestamp ‖ signature)>\\n` line per witness that cosigned it', content: TEXT_ANSWER })
  @ProblemResponses(400, [404, 'The log has signed nothing yet (an empty ledger)'], 503)
  checkpoint(@Query() _query: ViewQueryRequestDto): string {
    const latest = this.log.latestCheckpoint();
    if (!latest) throw new LogRangeError('The log has signed no checkpoint yet');
    return this.log.cosigned(latest).note;
  }
}

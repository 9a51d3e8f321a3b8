import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { EventStore, LedgerLog } from '@ledger/ledger';
import { EVENT_STORE, LEDGER_LOG } from '@ledger/ledger';
import { Public } from '../auth/authenticated-user.js';
import { HealthResponseDto } from './health.response.dto.js';

@ApiTags('health')
@Controller('health')
export class HealthHttpController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LEDGER_LOG) private readonly log: LedgerLog,
  ) {}

  /**
   * Liveness, the ledger's head position and the log's state; no token needed. `status` is
   * `integrity_alarm` (and `integrity.reason` says why) once the events contradict the log.
   */
  @Get()
  @Public()
  @ApiOkResponse({ type: HealthResponseDto })
  async health() {
    const position = await this.store.headPosition();
    const alarm = this.log.alarm.raised;
    return {
      status: alarm ? 'integrity_alarm' : 'ok',
      store: this.store.kind,
      position: position === null ? null : position.toString(),
      log: { size: this.log.size, checkpoint: this.log.latestCheckpoint()?.size ?? null },
      integrity: alarm ? { ok: false, reason: alarm.reason, raisedAt: alarm.raisedAt } : { ok: true },
    };
  }
}

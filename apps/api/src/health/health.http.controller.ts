import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventStore, LedgerLog } from '@ledger/ledger';
import { EVENT_STORE, LEDGER_LOG } from '@ledger/ledger';
import type { LiveViews } from '@ledger/runtime';
import { Public } from '../auth/authenticated-user.js';
import { ProblemResponses } from '../http/openapi.js';
import { PROBLEM_CONTENT_TYPE, problemType } from '../http/problem-details.js';
import { LIVE_VIEWS } from '../infrastructure/tokens.js';
import { HealthResponseDto, LivenessResponseDto, ReadinessResponseDto } from './health.response.dto.js';
import { READY_BOUND_MS, readiness } from './readiness.js';

@ApiTags('health')
@Controller('health')
export class HealthHttpController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LEDGER_LOG) private readonly log: LedgerLog,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
  ) {}

  /**
   * Liveness, the ledger's head position and the log's state; no token needed. `status` is
   * `integrity_alarm` (and `integrity.reason` says why) once the events contradict the log.
   */
  @Get()
  @ApiOperation({ summary: 'Liveness, the ledger\'s head position and the log\'s state' })
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

  /** The process answers: restart it only when this fails. It asks nothing of the store. */
  @Get('live')
  @ApiOperation({ summary: 'Liveness probe: the process answers' })
  @Public()
  @ApiOkResponse({ type: LivenessResponseDto })
  live() {
    return { status: 'live' };
  }

  /**
   * Whether to send this instance traffic: 200 when the store answers and the views and the log
   * reach its head within 2 s (and no integrity alarm), else 503 problem+json naming what is not.
   */
  @Get('ready')
  @ApiOperation({ summary: 'Readiness probe: the store answers and the views and log are caught up' })
  @Public()
  @ApiOkResponse({ type: ReadinessResponseDto })
  @ProblemResponses([503, 'Not ready: `checks` says which of the store, the views and the log is not'])
  async ready(@Res({ passthrough: true }) response: Response) {
    const state = await readiness(this.store, this.views, this.log, READY_BOUND_MS);
    if (state.ready) return { status: 'ready', checks: state.checks };
    const failing = Object.entries(state.checks).filter(([, check]) => !check.ok);
    response.status(503).type(PROBLEM_CONTENT_TYPE);
    return {
      type: problemType('not-ready'),
      title: 'Not ready',
      status: 503,
      detail: failing.map(([name, check]) => `${name}: ${check.detail ?? 'not ready'}`).join('; '),
      checks: state.checks,
    };
  }
}

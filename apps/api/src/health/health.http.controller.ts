import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@ledger/ledger';
import { EVENT_STORE } from '@ledger/ledger';
import { Public } from '../auth/authenticated-user.js';
import { HealthResponseDto } from './health.response.dto.js';

@ApiTags('health')
@Controller('health')
export class HealthHttpController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Liveness and the ledger's head position; no token needed. */
  @Get()
  @Public()
  @ApiOkResponse({ type: HealthResponseDto })
  async health() {
    const position = await this.store.headPosition();
    return { status: 'ok', store: this.store.kind, position: position === null ? null : position.toString() };
  }
}

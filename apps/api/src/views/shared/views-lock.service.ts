import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { LedgerConfig } from '@ledger/ledger';
import { acquireViewsLock, releaseViewsLock } from '@ledger/projections';
import { LEDGER_CONFIG } from '../../infrastructure/tokens.js';

/** The server owns its views while it runs, so that `ledger rebuild` refuses to drop them under it. */
@Injectable()
export class ViewsLock implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(LEDGER_CONFIG) private readonly config: LedgerConfig) {}

  get file(): string {
    return `${this.config.paths.views}.lock`;
  }

  onModuleInit(): void {
    acquireViewsLock(this.file, 'the API server');
  }

  onApplicationShutdown(): void {
    releaseViewsLock(this.file);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { CommandPipeline, LedgerConfig } from '@ledger/ledger';
import { CaseCommandRunner as Runner, type Clock } from '@ledger/runtime';
import { DesigneeRoster } from '../auth/designee-roster.js';
import { CLOCK, COMMAND_PIPELINE, LEDGER_CONFIG } from '../infrastructure/tokens.js';

export { type CaseCommandEnvelope, type CaseCommandResult, caseCommandResult } from '@ledger/runtime';

/** The one case command runner (`@ledger/runtime`), provided to the handlers. */
@Injectable()
export class CaseCommandRunner extends Runner {
  constructor(@Inject(COMMAND_PIPELINE) pipeline: CommandPipeline, @Inject(CLOCK) clock: Clock, @Inject(LEDGER_CONFIG) config: LedgerConfig, roster: DesigneeRoster) {
    super(pipeline, clock, roster, config);
  }
}

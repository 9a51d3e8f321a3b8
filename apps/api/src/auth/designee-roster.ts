import { Inject, Injectable } from '@nestjs/common';
import type { CommandPipeline } from '@ledger/ledger';
import { DesigneeRoster as Roster } from '@ledger/runtime';
import { COMMAND_PIPELINE } from '../infrastructure/tokens.js';

export type { DesigneeAppointment } from '@ledger/runtime';

/** The designee roster (`@ledger/runtime`), provided to whoever resolves powers. */
@Injectable()
export class DesigneeRoster extends Roster {
  constructor(@Inject(COMMAND_PIPELINE) pipeline: CommandPipeline) {
    super(pipeline);
  }
}

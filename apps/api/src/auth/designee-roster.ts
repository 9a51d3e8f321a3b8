import { Inject, Injectable } from '@nestjs/common';
import { sealedCasesOpenTo, type SealedCaseScope } from '@ledger/domain';
import type { CommandPipeline } from '@ledger/ledger';
import { ActorResolver as Resolver, type CommandUser, DesigneeRoster as Roster } from '@ledger/runtime';
import { type Clock, CLOCK, COMMAND_PIPELINE } from '../infrastructure/tokens.js';

export type { DesigneeAppointment } from '@ledger/runtime';

/**
 * The designee roster (`@ledger/runtime`). Provided once, by the global infrastructure module, so
 * that every module asks the same folded roster.
 */
@Injectable()
export class DesigneeRoster extends Roster {
  constructor(@Inject(COMMAND_PIPELINE) pipeline: CommandPipeline) {
    super(pipeline);
  }
}

/** The one actor resolver (`@ledger/runtime`): designee powers by one rule, for commands and reads alike. */
@Injectable()
export class ActorResolver extends Resolver {
  constructor(roster: DesigneeRoster, @Inject(CLOCK) clock: Clock) {
    super(roster, clock);
  }}

/** Which sealed cases the user is named in now (`sealedCasesOpenTo`), for queries that filter in the views. */
export async function sealedScopeNow(actors: Resolver, user: CommandUser): Promise<SealedCaseScope> {
  return sealedCasesOpenTo(await actors.actorNow(user));
}

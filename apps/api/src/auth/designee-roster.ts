import { sealedCasesOpenTo, type SealedCaseScope } from '@ledger/domain';
import type { ActorResolver, CommandUser } from '@ledger/runtime';

/**
 * The designee roster and the one actor resolver (`@ledger/runtime`): designee powers by one rule, for
 * commands and reads alike. Provided once, from the open ledger, by the global infrastructure module, so
 * that every module asks the same folded roster.
 */
export { ActorResolver, type DesigneeAppointment, DesigneeRoster } from '@ledger/runtime';

/** Which sealed cases the user is named in now (`sealedCasesOpenTo`), for queries that filter in the views. */
export async function sealedScopeNow(actors: ActorResolver, user: CommandUser): Promise<SealedCaseScope> {
  return sealedCasesOpenTo(await actors.actorNow(user));
}

import type { Actor } from '@ledger/domain';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import type { DesigneeRoster } from '../auth/designee-roster.js';

export { patronStream } from '@ledger/domain';

/** The domain's actor, with designee powers resolved from the roster at the moment the thing happened. */
export async function actorAt(roster: DesigneeRoster, user: AuthenticatedUser, occurredAt: string): Promise<Actor> {
  const isActiveDesignee = user.role === 'staff' && (await roster.isActiveDesignee(user.userId, new Date(occurredAt)));
  return { userId: user.userId, role: user.role, isActiveDesignee };
}

/** What every patron-desk command answers. */
export interface PatronCommandResult {
  readonly revision: string;
  readonly position: string;
}

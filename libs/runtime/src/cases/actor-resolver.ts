import { type Actor, isActiveDesignee } from '@ledger/domain';
import type { Clock, CommandUser } from './command-user.js';
import type { DesigneeRoster } from './designee-roster.js';

/**
 * The one place a user becomes the domain's `Actor`, with designee powers resolved from the roster.
 * The rule (docs/architecture.md, "Designee powers"): a staff member holds the director's powers
 * only if an appointment is active both when the thing happened (`occurredAt`) and when the server
 * records it (`recordedAt`), so an ended appointment cannot be used by back-dating and a future one
 * cannot be used early. A read has one instant, now. Other roles never hold a designee's powers.
 */
export class ActorResolver {
  constructor(
    private readonly roster: DesigneeRoster,
    private readonly clock: Clock,
  ) {}

  async actorAt(user: CommandUser, occurredAt: string, recordedAt: string): Promise<Actor> {
    if (user.role !== 'staff') return { userId: user.userId, role: user.role, isActiveDesignee: false };
    const roster = await this.roster.roster();
    const active = isActiveDesignee(roster, user.userId, occurredAt) && isActiveDesignee(roster, user.userId, recordedAt);
    return { userId: user.userId, role: user.role, isActiveDesignee: active };
  }

  /** The actor reading now (case reads, exports, the director's views). */
  async actorNow(user: CommandUser): Promise<Actor> {
    const now = this.clock.now().toISOString();
    return this.actorAt(user, now, now);
  }
}

import { Injectable } from '@nestjs/common';
import { ForbiddenByPolicy, hasDirectorPowers, RULE_PACK } from '@ledger/domain';
import type { AuthenticatedUser } from '../../auth/authenticated-user.js';
import { ActorResolver } from '../../auth/designee-roster.js';

/** The director, or a staff member who is an active designee right now. */
@Injectable()
export class DirectorPowers {
  constructor(private readonly actors: ActorResolver) {}

  async held(user: AuthenticatedUser): Promise<boolean> {
    return hasDirectorPowers(await this.actors.actorNow(user));
  }

  /** 403 `LE-DIRECTOR-ONLY` for a staff member who is not an active designee. */
  async assert(user: AuthenticatedUser): Promise<void> {
    if (await this.held(user)) return;
    const rule = RULE_PACK['LE-DIRECTOR-ONLY'];
    throw new ForbiddenByPolicy('LE-DIRECTOR-ONLY', rule.citation, 'Only the director or an active designee may see the director\u2019s views.');
  }
}

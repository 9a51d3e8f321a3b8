import { Inject, Injectable } from '@nestjs/common';
import { ForbiddenByPolicy, RULE_PACK } from '@ledger/domain';
import type { AuthenticatedUser } from '../../auth/authenticated-user.js';
import { DesigneeRoster } from '../../auth/designee-roster.js';
import { type Clock, CLOCK } from '../../infrastructure/tokens.js';

/** The director, or a staff member who is an active designee right now. */
@Injectable()
export class DirectorPowers {
  constructor(
    private readonly roster: DesigneeRoster,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async held(user: AuthenticatedUser): Promise<boolean> {
    if (user.role === 'director') return true;
    if (user.role !== 'staff') return false;
    return (await this.roster.appointmentOf(user.userId, this.clock.now())).active;
  }

  /** 403 `LE-DIRECTOR-ONLY` for a staff member who is not an active designee. */
  async assert(user: AuthenticatedUser): Promise<void> {
    if (await this.held(user)) return;
    const rule = RULE_PACK['LE-DIRECTOR-ONLY'];
    throw new ForbiddenByPolicy('LE-DIRECTOR-ONLY', rule.citation, 'Only the director or an active designee may see the director\u2019s views.');
  }
}

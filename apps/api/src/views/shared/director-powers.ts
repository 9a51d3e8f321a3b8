import { Inject, Injectable } from '@nestjs/common';
import { ForbiddenByPolicy, hasDirectorPowers } from '@ledger/domain';
import type { LedgerConfig } from '@ledger/ledger';
import { LEDGER_CONFIG } from '../../infrastructure/tokens.js';
import type { AuthenticatedUser } from '../../auth/authenticated-user.js';
import { ActorResolver } from '../../auth/designee-roster.js';

/** The director, or a staff member who is an active designee right now. */
@Injectable()
export class DirectorPowers {
  constructor(
    private readonly actors: ActorResolver,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  async held(user: AuthenticatedUser): Promise<boolean> {
    return hasDirectorPowers(await this.actors.actorNow(user));
  }

  /** 403 `LE-DIRECTOR-ONLY` for a staff member who is not an active designee. */
  async assert(user: AuthenticatedUser): Promise<void> {
    if (await this.held(user)) return;
    const rule = this.config.jurisdiction.rules['LE-DIRECTOR-ONLY'];
    throw new ForbiddenByPolicy('LE-DIRECTOR-ONLY', rule.citation, 'Only the director or an active designee may see the director\u2019s views.');
  }
}

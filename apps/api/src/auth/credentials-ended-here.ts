import { Inject, Injectable } from '@nestjs/common';
import type { LiveViews } from '@ledger/runtime';
import { LIVE_VIEWS } from '../infrastructure/tokens.js';

/**
 * What a recorded event ended for a user: `user` a deactivation (tokens, sessions and sign-ins),
 * `tokens` a revocation of their API tokens, `sessions` a reset of their second factors.
 */
export type EndedStanding = 'user' | 'tokens' | 'sessions';

/** Which recorded endings each kind of credential must honour. */
const ENDS: Record<'token' | 'session' | 'sign-in', readonly EndedStanding[]> = {
  token: ['user', 'tokens'],
  session: ['user', 'sessions'],
  'sign-in': ['user'],
};

/**
 * The deactivations, revocations and second-factor resets this instance recorded, held until its
 * views have applied them. The guards read a user's standing from the views, which follow the
 * ledger on their own thread and may lag (a restarting worker, a slow disk, a wait that timed out):
 * this is what makes "from then on, nothing of the user's works on that instance" hold as soon as
 * the event is recorded, not only once the views have it. Other instances learn of it from their
 * own views (docs/security.md gives that bound).
 */
@Injectable()
export class CredentialsEndedHere {
  private readonly ended = new Map<string, Map<EndedStanding, bigint>>();

  constructor(@Inject(LIVE_VIEWS) private readonly views: Pick<LiveViews, 'checkpoint'>) {}

  /** `what` of `userId`'s was ended by the event at `position` of `$all`. */
  record(userId: string, what: EndedStanding, position: bigint): void {
    const endings = this.ended.get(userId) ?? new Map<EndedStanding, bigint>();
    const known = endings.get(what);
    if (known === undefined || position > known) endings.set(what, position);
    this.ended.set(userId, endings);
  }

  /** Whether a recorded ending the views have not applied yet refuses this user's `credential`. */
  refuses(userId: string, credential: keyof typeof ENDS): boolean {
    if (this.ended.size === 0) return false;
    const endings = this.ended.get(userId);
    if (!endings) return false;
    const applied = this.views.checkpoint;
    for (const [what, position] of endings) {
      if (applied !== null && applied >= position) endings.delete(what);
    }
    if (endings.size === 0) this.ended.delete(userId);
    return ENDS[credential].some((what) => endings.has(what));
  }
}

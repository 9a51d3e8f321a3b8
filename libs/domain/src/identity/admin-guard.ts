import type { Decider } from '../shared/decider.js';
import { assertNever } from '../shared/decider.js';
import { StateConflict } from '../shared/errors.js';

/**
 * The last-admin guard. Revoking an admin's tokens writes to that admin's own stream, so two admins
 * revoking each other at once would each pass a check made on the other's stream (write skew). Every such
 * revocation is therefore first cleared on one stream, `admins-main`, whose revision the store checks:
 * of two at once, one clears and the other decides again, seeing the first.
 */
export type AdminGuardEvent = {
  readonly type: 'AdminRevocationCleared';
  readonly data: { readonly userId: string; readonly tokenIds: readonly string[]; readonly by: string; readonly occurredAt: string };
};

export type AdminGuardCommand = { readonly type: 'ClearAdminRevocation'; readonly userId: string; readonly by: string; readonly occurredAt: string };

/** Token ids cleared for revocation, per admin: counted as gone even before the admin's own stream says so. */
export interface AdminGuardState {
  readonly cleared: Readonly<Record<string, readonly string[]>>;
}

/** The live tokens of every admin, read from their streams (not a view) when the command is decided. */
export interface AdminGuardContext {
  readonly liveTokensByAdmin: Readonly<Record<string, readonly string[]>>;
}

export const initialAdminGuardState: AdminGuardState = { cleared: {} };

export function evolveAdminGuard(state: AdminGuardState, event: AdminGuardEvent): AdminGuardState {
  switch (event.type) {
    case 'AdminRevocationCleared':
      return { cleared: { ...state.cleared, [event.data.userId]: [...(state.cleared[event.data.userId] ?? []), ...event.data.tokenIds] } };
    default:
      return assertNever(event.type, 'admin guard event');
  }
}

/** The admins other than `userId` who would keep a live token. */
export function otherLiveAdmins(state: AdminGuardState, context: AdminGuardContext, userId: string): string[] {
  return Object.keys(context.liveTokensByAdmin).filter((adminId) => adminId !== userId && stillLive(state, context, adminId).length > 0);
}

/** An admin's tokens that are live and not already cleared for revocation. */
function stillLive(state: AdminGuardState, context: AdminGuardContext, adminId: string): string[] {
  const cleared = new Set(state.cleared[adminId] ?? []);
  return (context.liveTokensByAdmin[adminId] ?? []).filter((tokenId) => !cleared.has(tokenId));
}

export function decideAdminGuard(command: AdminGuardCommand, state: AdminGuardState, context: AdminGuardContext): AdminGuardEvent[] {
  switch (command.type) {
    case 'ClearAdminRevocation': {
      const tokenIds = stillLive(state, context, command.userId);
      if (tokenIds.length === 0) return [];
      if (otherLiveAdmins(state, context, command.userId).length === 0) {
        throw new StateConflict('LAST-ADMIN', 'These are the last live admin tokens: issue a token to another admin first (or use `ledger admin-token --reset` on the server)');
      }
      return [{ type: 'AdminRevocationCleared', data: { userId: command.userId, tokenIds, by: command.by, occurredAt: command.occurredAt } }];
    }
    default:
      return assertNever(command.type, 'admin guard command');
  }
}

export const adminGuardDecider: Decider<AdminGuardCommand, AdminGuardState, AdminGuardEvent, AdminGuardContext> = {
  initialState: initialAdminGuardState,
  evolve: evolveAdminGuard,
  decide: decideAdminGuard,
};

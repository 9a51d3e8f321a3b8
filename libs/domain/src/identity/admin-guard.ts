import type { Decider } from '../shared/decider.js';
import { assertNever } from '../shared/decider.js';
import { StateConflict } from '../shared/errors.js';

/**
 * The last-admin guard. Revoking an admin's tokens, or deactivating an admin, writes to that admin's own
 * stream, so two admins revoking (or deactivating) each other at once would each pass a check made on
 * the other's stream (write skew). Every such change is therefore first cleared on one stream,
 * `admins-main`, whose revision the store checks: of two at once, one clears and the other decides
 * again, seeing the first.
 */
export type AdminGuardEvent =
  | {
      readonly type: 'AdminRevocationCleared';
      readonly data: { readonly userId: string; readonly tokenIds: readonly string[]; readonly by: string; readonly occurredAt: string };
    }
  /** The admin may be deactivated: another stays active. Their live tokens count as gone from here on. */
  | {
      readonly type: 'AdminDeactivationCleared';
      readonly data: { readonly userId: string; readonly tokenIds: readonly string[]; readonly by: string; readonly occurredAt: string };
    };

export type AdminGuardCommand =
  | { readonly type: 'ClearAdminRevocation'; readonly userId: string; readonly by: string; readonly occurredAt: string }
  | { readonly type: 'ClearAdminDeactivation'; readonly userId: string; readonly by: string; readonly occurredAt: string };

export interface AdminGuardState {
  /** Token ids cleared for revocation, per admin: counted as gone even before the admin's own stream says so. */
  readonly cleared: Readonly<Record<string, readonly string[]>>;
  /** When each admin's deactivation was last cleared: counted as inactive until their stream shows a later deactivation. */
  readonly deactivating: Readonly<Record<string, string>>;
}

/** Whether an admin is active, read from their stream. */
export interface AdminStanding {
  readonly active: boolean;
  readonly lastDeactivatedAt: string | null;
}

/** Every admin's live tokens (and, to deactivate, standing), read from their streams (not a view) when the command is decided. */
export interface AdminGuardContext {
  readonly liveTokensByAdmin: Readonly<Record<string, readonly string[]>>;
  readonly standingByAdmin?: Readonly<Record<string, AdminStanding>>;
}

export const initialAdminGuardState: AdminGuardState = { cleared: {}, deactivating: {} };

export function evolveAdminGuard(state: AdminGuardState, event: AdminGuardEvent): AdminGuardState {
  const cleared = { ...state.cleared, [event.data.userId]: [...(state.cleared[event.data.userId] ?? []), ...event.data.tokenIds] };
  switch (event.type) {
    case 'AdminRevocationCleared':
      return { ...state, cleared };
    case 'AdminDeactivationCleared':
      return { cleared, deactivating: { ...state.deactivating, [event.data.userId]: event.data.occurredAt } };
    default:
      return assertNever(event, 'admin guard event');
  }
}

/** The admins other than `userId` who would keep a live token. */
export function otherLiveAdmins(state: AdminGuardState, context: AdminGuardContext, userId: string): string[] {
  return Object.keys(context.liveTokensByAdmin).filter((adminId) => adminId !== userId && stillLive(state, context, adminId).length > 0);
}

/** The admins other than `userId` who are active and not about to be deactivated. */
export function otherActiveAdmins(state: AdminGuardState, context: AdminGuardContext, userId: string): string[] {
  return Object.entries(context.standingByAdmin ?? {})
    .filter(([adminId, standing]) => adminId !== userId && standing.active && !deactivationPending(state, adminId, standing))
    .map(([adminId]) => adminId);
}

/** Cleared, and the admin's stream shows no deactivation since (a reactivation after it counts again). */
function deactivationPending(state: AdminGuardState, adminId: string, standing: AdminStanding): boolean {
  const clearedAt = state.deactivating[adminId];
  return clearedAt !== undefined && (standing.lastDeactivatedAt === null || standing.lastDeactivatedAt < clearedAt);
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
    case 'ClearAdminDeactivation': {
      // Not an active admin: nothing to guard (the user's own decider says why it cannot be deactivated).
      if (!context.standingByAdmin?.[command.userId]?.active) return [];
      if (otherActiveAdmins(state, context, command.userId).length === 0) {
        throw new StateConflict('LAST-ADMIN', 'This is the last active admin: register another admin first');
      }
      const tokenIds = stillLive(state, context, command.userId);
      return [{ type: 'AdminDeactivationCleared', data: { userId: command.userId, tokenIds, by: command.by, occurredAt: command.occurredAt } }];
    }
    default:
      return assertNever(command, 'admin guard command');
  }
}

export const adminGuardDecider: Decider<AdminGuardCommand, AdminGuardState, AdminGuardEvent, AdminGuardContext> = {
  initialState: initialAdminGuardState,
  evolve: evolveAdminGuard,
  decide: decideAdminGuard,
};

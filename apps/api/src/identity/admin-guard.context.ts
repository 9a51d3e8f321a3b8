import {
  ADMIN_GUARD_STREAM,
  type AdminGuardCommand,
  type AdminGuardContext,
  adminGuardDecider,
  type AdminGuardState,
  userDecider,
  userStream,
} from '@ledger/domain';
import { type CommandPipeline, NothingToRecordError } from '@ledger/ledger';
import type { IdentityDirectory } from '@ledger/projections';
import type { CommandInstants, CommandUser, StreamCommandRunner } from '@ledger/runtime';

/**
 * Every admin's live tokens and standing, read from their own streams (the directory only names the
 * admins: a view may lag on tokens and deactivations), for a decision on `admins-main`.
 */
export async function adminGuardContext(pipeline: CommandPipeline, directory: IdentityDirectory, target: string): Promise<AdminGuardContext> {
  const admins = new Set([target, ...directory.listUsers().filter((user) => user.role === 'admin').map((user) => user.userId)]);
  const states = await Promise.all([...admins].map(async (adminId) => [adminId, (await pipeline.load(userStream(adminId), userDecider)).state] as const));
  // The target is in the set whatever its role; only admins count for the guard.
  const asAdmins = states.filter(([adminId, state]) => adminId === target || state.role === 'admin');
  return {
    liveTokensByAdmin: Object.fromEntries(asAdmins.map(([adminId, state]) => [adminId, state.activeTokenIds])),
    standingByAdmin: Object.fromEntries(asAdmins.map(([adminId, state]) => [adminId, { active: state.active, lastDeactivatedAt: state.lastDeactivatedAt }])),
  };
}

/**
 * Decides a clearance on `admins-main`, whose revision the store checks, so two admins revoking or
 * deactivating each other at once cannot both pass. Answers `count` as of the attempt that landed
 * (how many other admins keep a token, or stay active).
 */
export async function clearOnAdminGuard(
  runner: StreamCommandRunner,
  pipeline: CommandPipeline,
  directory: IdentityDirectory,
  clearance: { readonly user: CommandUser; readonly target: string; readonly command: (instants: CommandInstants) => AdminGuardCommand },
  count: (state: AdminGuardState, context: AdminGuardContext) => number,
): Promise<number> {
  let others = 0;
  try {
    await runner.run({
      stream: ADMIN_GUARD_STREAM,
      decider: adminGuardDecider,
      user: clearance.user,
      command: clearance.command,
      // Read again on every attempt: after a conflict, the winner's clearance is in the guard's state.
      context: async (state) => {
        const context = await adminGuardContext(pipeline, directory, clearance.target);
        others = count(state, context);
        return context;
      },
    });
  } catch (error) {
    // A concurrent command on the same admin cleared it already: nothing left to guard.
    if (!(error instanceof NothingToRecordError)) throw error;
  }
  return others;
}

import type { AuthenticatedUser } from '../auth/authenticated-user.js';

/** Who acts: a person behind a token, or the ledger itself when it bootstraps. */
export type Actor = Pick<AuthenticatedUser, 'userId' | 'role'>;

export const SYSTEM_ACTOR: Actor = { userId: 'system', role: 'admin' };

import { SetMetadata } from '@nestjs/common';

/**
 * Where a web session stands after its first step (a password, or single sign-on): `second_factor` until
 * the user gives a code or a passkey, `set_up_second_factor` until a user whose role must have one has set
 * it up. While either is pending, the session reaches only the pages of that step (`@SignInStep`).
 */
export type PendingStep = 'second_factor' | 'set_up_second_factor';

export interface SignInProgress {
  pending: PendingStep | null;
  /** When the user last proved who they are (password, and second factor if they have one): re-authentication reads it. */
  signedInAt: number;
  /** Where to go once the pending step is done (the page that asked to sign in again). */
  returnTo: string | null;
  /** The WebAuthn challenge this session was last given (one at a time). */
  challenge: string | null;
  /** Recovery codes just made, shown once on the next security page and then forgotten. */
  recoveryCodesToShow: string[] | null;
}

export const SIGN_IN_STEP = 'ledger:signInStep';

/** Where a pending step is done: the only pages such a session may open. */
export const STEP_PAGES: Record<PendingStep, string> = { second_factor: '/sign-in/second-factor', set_up_second_factor: '/account/security' };

/** On a page handler: a session with this step pending may open it (as may a fully signed-in one). */
export const SignInStep = (...steps: PendingStep[]) => SetMetadata(SIGN_IN_STEP, steps);

/** A local path to come back to (never another site: `//evil.example` and `/\evil` are refused). */
export function localPath(candidate: unknown): string | null {
  return typeof candidate === 'string' && /^\/(?![/\\])[^\s]*$/.test(candidate) && candidate.length <= 2000 ? candidate : null;
}

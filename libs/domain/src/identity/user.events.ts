import type { Role } from '../vocabulary.js';

/**
 * A second factor: an authenticator app (TOTP), a passkey (WebAuthn), or the set of ten recovery codes
 * handed out with the first of them. The ledger records that one was added or reset, never its secret.
 */
export const SECOND_FACTOR_KINDS = ['totp', 'passkey', 'recovery_codes'] as const;
export type SecondFactorKind = (typeof SECOND_FACTOR_KINDS)[number];

export type UserEvent =
  | {
      readonly type: 'UserRegistered';
      /** `username` (added with the web application; absent on users registered before it) names the user at sign-in. */
      readonly data: { userId: string; name: string; role: Role; username?: string; email?: string; by: string; occurredAt: string };
    }
  | { readonly type: 'TokenIssued'; readonly data: { userId: string; tokenId: string; tokenSha256: string; by: string; occurredAt: string } }
  | { readonly type: 'TokensRevoked'; readonly data: { userId: string; tokenIds: string[]; by: string; occurredAt: string } }
  /** A one-time link to set the web password was handed out (voiding every earlier one); its secret lives only in the credentials store. */
  | { readonly type: 'EnrollmentLinkIssued'; readonly data: { userId: string; enrollmentId: string; expiresAt: string; by: string; occurredAt: string } }
  /**
   * The user set their password through an enrollment link (`reset` when one was set before). The hash
   * lives in the credentials store, never in the ledger: an immutable event must not hold a crackable secret.
   */
  | { readonly type: 'PasswordSet'; readonly data: { userId: string; enrollmentId: string; reset: boolean; by: string; occurredAt: string } }
  /**
   * Offboarding: the user can no longer sign in by any means. Their password and open enrollment links
   * end, and so do the tokens named here (every live one), in this one event, so that every instance
   * following the ledger ends them at once.
   */
  | { readonly type: 'UserDeactivated'; readonly data: { userId: string; tokenIds: string[]; by: string; occurredAt: string } }
  /** Active again, with no password and no token: the user needs a new enrollment link (and a token, for the API). */
  | { readonly type: 'UserReactivated'; readonly data: { userId: string; by: string; occurredAt: string } }
  /**
   * The user confirmed a second factor (a TOTP code from the app, a passkey's attestation) or was handed
   * their recovery codes. Its secret or public key lives only in the credentials store, encrypted.
   */
  | { readonly type: 'SecondFactorAdded'; readonly data: { userId: string; factorId: string; kind: SecondFactorKind; by: string; occurredAt: string } }
  /** The admin removed every second factor of the user (a lost phone): their sessions end, they set one up again. */
  | { readonly type: 'SecondFactorsReset'; readonly data: { userId: string; factorIds: string[]; by: string; occurredAt: string } };

export const USER_EVENT_TYPES = ['UserRegistered', 'TokenIssued', 'TokensRevoked', 'EnrollmentLinkIssued', 'PasswordSet', 'UserDeactivated', 'UserReactivated', 'SecondFactorAdded', 'SecondFactorsReset'] as const satisfies readonly UserEvent['type'][];


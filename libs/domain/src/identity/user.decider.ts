import type { Decider } from '../shared/decider.js';
import { assertNever } from '../shared/decider.js';
import { CaseStateConflict, NotFound, StateConflict } from '../shared/errors.js';
import type { Role } from '../vocabulary.js';
import type { SecondFactorKind, UserEvent } from './user.events.js';

export type UserCommand =
  | {
      readonly type: 'RegisterUser';
      readonly userId: string;
      readonly name: string;
      readonly role: Role;
      readonly username?: string;
      readonly email?: string;
      /** Issued in the same append, so a user never exists without the token handed out for it. */
      readonly firstToken?: { readonly tokenId: string; readonly tokenSha256: string };
      readonly by: string;
      readonly occurredAt: string;
    }
  | { readonly type: 'IssueToken'; readonly userId: string; readonly tokenId: string; readonly tokenSha256: string; readonly by: string; readonly occurredAt: string }
  | { readonly type: 'RevokeTokens'; readonly userId: string; readonly by: string; readonly occurredAt: string }
  | { readonly type: 'IssueEnrollmentLink'; readonly userId: string; readonly enrollmentId: string; readonly expiresAt: string; readonly by: string; readonly occurredAt: string }
  | { readonly type: 'SetPassword'; readonly userId: string; readonly enrollmentId: string; readonly occurredAt: string }
  | { readonly type: 'DeactivateUser'; readonly userId: string; readonly by: string; readonly occurredAt: string }
  | { readonly type: 'ReactivateUser'; readonly userId: string; readonly by: string; readonly occurredAt: string }
  /** The user adds a factor they have just proven (the code or attestation is checked before the command). */
  | { readonly type: 'AddSecondFactor'; readonly userId: string; readonly factorId: string; readonly kind: SecondFactorKind; readonly occurredAt: string }
  | { readonly type: 'ResetSecondFactors'; readonly userId: string; readonly by: string; readonly occurredAt: string };

/** How long an enrollment link stays usable. */
export const ENROLLMENT_LINK_HOURS = 24;

export interface UserState {
  readonly exists: boolean;
  readonly userId: string | null;
  readonly name: string | null;
  readonly role: Role | null;
  /** False from a deactivation until a reactivation: no sign-in by any means, no token, no link. */
  readonly active: boolean;
  /** When the user was last deactivated (null if never): the last-admin guard tells a cleared deactivation that has landed from one still to come. */
  readonly lastDeactivatedAt: string | null;
  /** Live token ids (revoked ones are removed). */
  readonly activeTokenIds: readonly string[];
  /** Enrollment links handed out and not yet used, with when each expires. */
  readonly openEnrollments: Readonly<Record<string, string>>;
  readonly passwordSetAt: string | null;
  /** The user's live second factors, by id. */
  readonly secondFactors: Readonly<Record<string, SecondFactorKind>>;
}

export const initialUserState: UserState = {
  exists: false,
  userId: null,
  name: null,
  role: null,
  active: false,
  lastDeactivatedAt: null,
  activeTokenIds: [],
  openEnrollments: {},
  passwordSetAt: null,
  secondFactors: {},
};

export function evolveUser(state: UserState, event: UserEvent): UserState {
  switch (event.type) {
    case 'UserRegistered':
      return { ...state, exists: true, active: true, userId: event.data.userId, name: event.data.name, role: event.data.role };
    case 'TokenIssued':
      return { ...state, activeTokenIds: [...state.activeTokenIds, event.data.tokenId] };
    case 'TokensRevoked': {
      const revoked = new Set(event.data.tokenIds);
      return { ...state, activeTokenIds: state.activeTokenIds.filter((id) => !revoked.has(id)) };
    }
    case 'EnrollmentLinkIssued':
      // A new link voids every earlier one: only the link last handed out can set the password.
      return { ...state, openEnrollments: { [event.data.enrollmentId]: event.data.expiresAt } };
    case 'PasswordSet': {
      // Setting a password spends every open link: a link mailed earlier must not reset it again.
      return { ...state, openEnrollments: {}, passwordSetAt: event.data.occurredAt };
    }
    case 'UserDeactivated':
      return { ...state, active: false, lastDeactivatedAt: event.data.occurredAt, activeTokenIds: [], openEnrollments: {}, passwordSetAt: null };
    case 'UserReactivated':
      return { ...state, active: true };
    case 'SecondFactorAdded':
      return { ...state, secondFactors: { ...state.secondFactors, [event.data.factorId]: event.data.kind } };
    case 'SecondFactorsReset':
      return { ...state, secondFactors: {} };
    default:
      return assertNever(event, 'user event');
  }
}

/**
 * What a user command needs from outside the user's stream. RevokeTokens on an admin: who else could
 * still manage users; DeactivateUser on an admin: how many other admins stay active.
 */
export interface UserDecisionContext {
  readonly otherAdminsWithTokens?: number;
  readonly otherActiveAdmins?: number;
}

/** Every command but registration needs the user to exist, and all but reactivation need them active. */
function assertActive(state: UserState, userId: string): void {
  if (!state.exists) throw new NotFound(`No user ${userId}`);
  if (!state.active) throw new CaseStateConflict(`User ${userId} is deactivated: reactivate them first`);
}

export function decideUser(command: UserCommand, state: UserState, context: UserDecisionContext = {}): UserEvent[] {
  switch (command.type) {
    case 'RegisterUser':
      if (state.exists) throw new CaseStateConflict(`User ${command.userId} already exists`);
      return [
        {
          type: 'UserRegistered',
          data: {
            userId: command.userId,
            name: command.name,
            role: command.role,
            ...(command.username !== undefined && { username: command.username }),
            ...(command.email !== undefined && { email: command.email }),
            by: command.by,
            occurredAt: command.occurredAt,
          },
        },
        ...(command.firstToken
          ? [
              {
                type: 'TokenIssued' as const,
                data: { userId: command.userId, ...command.firstToken, by: command.by, occurredAt: command.occurredAt },
              },
            ]
          : []),
      ];
    case 'IssueToken':
      if (!state.exists) throw new NotFound('No such user');
      assertActive(state, command.userId);
      return [
        {
          type: 'TokenIssued',
          data: {
            userId: command.userId,
            tokenId: command.tokenId,
            tokenSha256: command.tokenSha256,
            by: command.by,
            occurredAt: command.occurredAt,
          },
        },
      ];
    case 'RevokeTokens':
      if (!state.exists) throw new NotFound('No such user');
      if (state.role === 'admin' && state.activeTokenIds.length > 0) {
        if (context.otherAdminsWithTokens === undefined) throw new Error('RevokeTokens on an admin needs otherAdminsWithTokens');
        // Nobody could register users, issue tokens or undo this: the library would be locked out of its own ledger.
        if (context.otherAdminsWithTokens === 0) {
          throw new StateConflict('LAST-ADMIN', 'These are the last live admin tokens: issue a token to another admin first (or use `ledger admin-token --reset` on the server)');
        }
      }
      // Revoking when nothing is live still records that the admin asked: the ledger answers "who did what".
      return [
        {
          type: 'TokensRevoked',
          data: { userId: command.userId, tokenIds: [...state.activeTokenIds], by: command.by, occurredAt: command.occurredAt },
        },
      ];
    case 'IssueEnrollmentLink':
      assertActive(state, command.userId);
      return [
        {
          type: 'EnrollmentLinkIssued',
          data: { userId: command.userId, enrollmentId: command.enrollmentId, expiresAt: command.expiresAt, by: command.by, occurredAt: command.occurredAt },
        },
      ];
    case 'SetPassword': {
      assertActive(state, command.userId);
      const expiresAt = state.openEnrollments[command.enrollmentId];
      if (expiresAt === undefined) throw new CaseStateConflict('This enrollment link has already been used or was never issued');
      if (Date.parse(command.occurredAt) >= Date.parse(expiresAt)) throw new CaseStateConflict('This enrollment link has expired');
      return [
        {
          type: 'PasswordSet',
          // The user acts through the link: the ledger names them as the one who set it.
          data: { userId: command.userId, enrollmentId: command.enrollmentId, reset: state.passwordSetAt !== null, by: command.userId, occurredAt: command.occurredAt },
        },
      ];
    }
    case 'DeactivateUser':
      if (!state.exists) throw new NotFound(`No user ${command.userId}`);
      if (!state.active) throw new CaseStateConflict(`User ${command.userId} is already deactivated`);
      if (state.role === 'admin') {
        if (context.otherActiveAdmins === undefined) throw new Error('DeactivateUser on an admin needs otherActiveAdmins');
        // Nobody could manage users or undo this: the library would be locked out of its own ledger.
        if (context.otherActiveAdmins === 0) throw new StateConflict('LAST-ADMIN', 'This is the last active admin: register another admin first');
      }
      return [{ type: 'UserDeactivated', data: { userId: command.userId, tokenIds: [...state.activeTokenIds], by: command.by, occurredAt: command.occurredAt } }];
    case 'ReactivateUser':
      if (!state.exists) throw new NotFound(`No user ${command.userId}`);
      if (state.active) throw new CaseStateConflict(`User ${command.userId} is active`);
      return [{ type: 'UserReactivated', data: { userId: command.userId, by: command.by, occurredAt: command.occurredAt } }];
    case 'AddSecondFactor': {
      assertActive(state, command.userId);
      if (Object.hasOwn(state.secondFactors, command.factorId)) throw new CaseStateConflict(`Second factor ${command.factorId} is already recorded`);
      // One authenticator app and one set of recovery codes at a time: a second would leave a forgotten secret live.
      const single = command.kind !== 'passkey' && Object.values(state.secondFactors).includes(command.kind);
      if (single) throw new CaseStateConflict(command.kind === 'totp' ? 'An authenticator app is already set up' : 'Recovery codes were already handed out');
      // The user proves the factor themself: the ledger names them as the one who added it.
      return [{ type: 'SecondFactorAdded', data: { userId: command.userId, factorId: command.factorId, kind: command.kind, by: command.userId, occurredAt: command.occurredAt } }];
    }
    case 'ResetSecondFactors':
      if (!state.exists) throw new NotFound(`No user ${command.userId}`);
      // A reset with nothing to remove still records that the admin asked (and still ends the user's sessions).
      return [{ type: 'SecondFactorsReset', data: { userId: command.userId, factorIds: Object.keys(state.secondFactors), by: command.by, occurredAt: command.occurredAt } }];
    default:
      return assertNever(command, 'user command');
  }
}

export const userDecider: Decider<UserCommand, UserState, UserEvent, UserDecisionContext | void> = {
  initialState: initialUserState,
  evolve: evolveUser,
  decide: (command, state, context) => decideUser(command, state, context ?? {}),
};

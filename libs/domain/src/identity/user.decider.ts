import type { Decider } from '../shared/decider.js';
import { assertNever } from '../shared/decider.js';
import { CaseStateConflict, NotFound, StateConflict } from '../shared/errors.js';
import type { Role } from '../vocabulary.js';
import type { UserEvent } from './user.events.js';

export type UserCommand =
  | {
      readonly type: 'RegisterUser';
      readonly userId: string;
      readonly name: string;
      readonly role: Role;
      readonly username?: string;
      /** Issued in the same append, so a user never exists without the token handed out for it. */
      readonly firstToken?: { readonly tokenId: string; readonly tokenSha256: string };
      readonly by: string;
      readonly occurredAt: string;
    }
  | { readonly type: 'IssueToken'; readonly userId: string; readonly tokenId: string; readonly tokenSha256: string; readonly by: string; readonly occurredAt: string }
  | { readonly type: 'RevokeTokens'; readonly userId: string; readonly by: string; readonly occurredAt: string }
  | { readonly type: 'IssueEnrollmentLink'; readonly userId: string; readonly enrollmentId: string; readonly expiresAt: string; readonly by: string; readonly occurredAt: string }
  | { readonly type: 'SetPassword'; readonly userId: string; readonly enrollmentId: string; readonly occurredAt: string };

/** How long an enrollment link stays usable. */
export const ENROLLMENT_LINK_HOURS = 24;

export interface UserState {
  readonly exists: boolean;
  readonly userId: string | null;
  readonly name: string | null;
  readonly role: Role | null;
  /** Live token ids (revoked ones are removed). */
  readonly activeTokenIds: readonly string[];
  /** Enrollment links handed out and not yet used, with when each expires. */
  readonly openEnrollments: Readonly<Record<string, string>>;
  readonly passwordSetAt: string | null;
}

export const initialUserState: UserState = { exists: false, userId: null, name: null, role: null, activeTokenIds: [], openEnrollments: {}, passwordSetAt: null };

export function evolveUser(state: UserState, event: UserEvent): UserState {
  switch (event.type) {
    case 'UserRegistered':
      return { ...state, exists: true, userId: event.data.userId, name: event.data.name, role: event.data.role };
    case 'TokenIssued':
      return { ...state, activeTokenIds: [...state.activeTokenIds, event.data.tokenId] };
    case 'TokensRevoked': {
      const revoked = new Set(event.data.tokenIds);
      return { ...state, activeTokenIds: state.activeTokenIds.filter((id) => !revoked.has(id)) };
    }
    case 'EnrollmentLinkIssued':
      return { ...state, openEnrollments: { ...state.openEnrollments, [event.data.enrollmentId]: event.data.expiresAt } };
    case 'PasswordSet': {
      // Setting a password spends every open link: a link mailed earlier must not reset it again.
      return { ...state, openEnrollments: {}, passwordSetAt: event.data.occurredAt };
    }
    default:
      return assertNever(event, 'user event');
  }
}

/** What a user command needs from outside the user's stream. RevokeTokens on an admin: who else could still manage users. */
export interface UserDecisionContext {
  readonly otherAdminsWithTokens?: number;
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
      if (!state.exists) throw new NotFound(`No user ${command.userId}`);
      return [
        {
          type: 'EnrollmentLinkIssued',
          data: { userId: command.userId, enrollmentId: command.enrollmentId, expiresAt: command.expiresAt, by: command.by, occurredAt: command.occurredAt },
        },
      ];
    case 'SetPassword': {
      if (!state.exists) throw new NotFound(`No user ${command.userId}`);
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
    default:
      return assertNever(command, 'user command');
  }
}

export const userDecider: Decider<UserCommand, UserState, UserEvent, UserDecisionContext | void> = {
  initialState: initialUserState,
  evolve: evolveUser,
  decide: (command, state, context) => decideUser(command, state, context ?? {}),
};

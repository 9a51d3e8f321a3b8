import type Database from 'better-sqlite3';
import type { Role, SecondFactorKind, UserEvent } from '@ledger/domain';
import { USER_EVENT_TYPES, assertNever } from '@ledger/domain';
import type { Projection, ProjectedEvent } from '../runner/projection.js';

export interface DirectoryUser {
  readonly userId: string;
  readonly name: string;
  readonly role: Role;
  readonly registeredAt: string;
  /** The name the user signs in with on the web (null for users registered without one). */
  readonly username: string | null;
  /** Given at registration (matched to a sign-in provider's `email` claim); null when none was given. */
  readonly email: string | null;
  /** False from a deactivation to a reactivation: no session, token, password or link of theirs works. */
  readonly active: boolean;
  /**
   * The instant the ledger recorded the user's current password as set (null: none since registration or
   * since the last deactivation). A password hash in an instance's credentials store counts only when it
   * was stored at exactly this instant, so one kept by an instance that missed a deactivation is dead too.
   */
  readonly passwordSetAt: string | null;
  /** The only enrollment link that may still set the password (each new link voids the earlier ones). */
  readonly openEnrollmentId: string | null;
  /** The kinds of second factor the user has now (`totp`, `passkey`, `recovery_codes`), in that order. */
  readonly secondFactors: readonly SecondFactorKind[];
  /**
   * When the admin last reset the user's second factors (null: never): a session signed in before it
   * ends on every instance, as one signed in with an old password does.
   */
  readonly secondFactorsResetAt: string | null;
  /**
   * When the user was last deactivated (null: never): a session signed in before it ends on every
   * instance, and stays ended after a reactivation.
   */
  readonly deactivatedAt: string | null;
}

/** A live token's owner, as authentication needs it on every request: who, in which role, by which token. */
export interface TokenOwner extends Pick<DirectoryUser, 'userId' | 'name' | 'role'> {
  readonly tokenId: string;
  readonly tokenSha256: string;
}

/** Users and their token hashes: what authentication reads on every request. */
export const identityDirectoryProjection: Projection = {
  name: 'identity-directory',
  version: 4,
  handles: USER_EVENT_TYPES,
  setup(db) {
    db.exec(`CREATE TABLE IF NOT EXISTS identity_users (
        user_id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, registered_at TEXT NOT NULL,
        username TEXT, email TEXT, active INTEGER NOT NULL DEFAULT 1, password_set_at TEXT, open_enrollment_id TEXT,
        second_factors_reset_at TEXT, deactivated_at TEXT);
      CREATE TABLE IF NOT EXISTS identity_second_factors (factor_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, kind TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS identity_second_factors_by_user ON identity_second_factors (user_id);
      CREATE TABLE IF NOT EXISTS identity_tokens (
        token_sha256 TEXT PRIMARY KEY, token_id TEXT NOT NULL, user_id TEXT NOT NULL, revoked_at TEXT);
      CREATE INDEX IF NOT EXISTS identity_tokens_by_user ON identity_tokens (user_id);`);
  },
  teardown(db) {
    db.exec('DROP TABLE IF EXISTS identity_users; DROP TABLE IF EXISTS identity_tokens; DROP TABLE IF EXISTS identity_second_factors;');
  },
  apply(db, event: ProjectedEvent) {
    const userEvent = { type: event.type, data: event.data } as UserEvent;
    switch (userEvent.type) {
      case 'UserRegistered':
        db.prepare(
          `INSERT INTO identity_users (user_id, name, role, registered_at, username, email) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (user_id) DO UPDATE SET name = excluded.name, role = excluded.role, username = excluded.username, email = excluded.email`,
        ).run(userEvent.data.userId, userEvent.data.name, userEvent.data.role, userEvent.data.occurredAt, userEvent.data.username ?? null, userEvent.data.email ?? null);
        return;
      case 'TokenIssued':
        db.prepare(
          `INSERT INTO identity_tokens (token_sha256, token_id, user_id, revoked_at) VALUES (?, ?, ?, NULL)
           ON CONFLICT (token_sha256) DO NOTHING`,
        ).run(userEvent.data.tokenSha256, userEvent.data.tokenId, userEvent.data.userId);
        return;
      case 'TokensRevoked': {
        const revoke = db.prepare('UPDATE identity_tokens SET revoked_at = ? WHERE user_id = ? AND token_id = ? AND revoked_at IS NULL');
        for (const tokenId of userEvent.data.tokenIds) revoke.run(userEvent.data.occurredAt, userEvent.data.userId, tokenId);
        return;
      }
      case 'EnrollmentLinkIssued':
        db.prepare('UPDATE identity_users SET open_enrollment_id = ? WHERE user_id = ?').run(userEvent.data.enrollmentId, userEvent.data.userId);
        return;
      case 'PasswordSet':
        db.prepare('UPDATE identity_users SET password_set_at = ?, open_enrollment_id = NULL WHERE user_id = ?').run(userEvent.data.occurredAt, userEvent.data.userId);
        return;
      case 'UserDeactivated': {
        db.prepare('UPDATE identity_users SET active = 0, password_set_at = NULL, open_enrollment_id = NULL, deactivated_at = ? WHERE user_id = ?').run(userEvent.data.occurredAt, userEvent.data.userId);
        // Every token of theirs, not only those the event names: none may outlive the deactivation.
        db.prepare('UPDATE identity_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL').run(userEvent.data.occurredAt, userEvent.data.userId);
        return;
      }
      case 'UserReactivated':
        db.prepare('UPDATE identity_users SET active = 1 WHERE user_id = ?').run(userEvent.data.userId);
        return;
      case 'SecondFactorAdded':
        db.prepare('INSERT INTO identity_second_factors (factor_id, user_id, kind) VALUES (?, ?, ?) ON CONFLICT (factor_id) DO NOTHING').run(userEvent.data.factorId, userEvent.data.userId, userEvent.data.kind);
        return;
      case 'SecondFactorsReset':
        // Every factor of theirs, not only those the event names, as a deactivation ends every token.
        db.prepare('DELETE FROM identity_second_factors WHERE user_id = ?').run(userEvent.data.userId);
        db.prepare('UPDATE identity_users SET second_factors_reset_at = ? WHERE user_id = ?').run(userEvent.data.occurredAt, userEvent.data.userId);
        return;
      default:
        assertNever(userEvent, 'user event');
    }
  },
};

const USER_COLUMNS = `u.user_id, u.name, u.role, u.registered_at, u.username, u.email, u.active, u.password_set_at, u.open_enrollment_id, u.second_factors_reset_at, u.deactivated_at,
  (SELECT group_concat(kind) FROM (SELECT DISTINCT kind FROM identity_second_factors f WHERE f.user_id = u.user_id)) AS second_factor_kinds`;
const KIND_ORDER: readonly SecondFactorKind[] = ['totp', 'passkey', 'recovery_codes'];

function toUser(row: Record<string, string | number | null>): DirectoryUser {
  return {
    userId: row.user_id as string,
    name: row.name as string,
    role: row.role as Role,
    registeredAt: row.registered_at as string,
    username: (row.username as string | null) ?? null,
    email: (row.email as string | null) ?? null,
    active: row.active === 1,
    passwordSetAt: (row.password_set_at as string | null) ?? null,
    openEnrollmentId: (row.open_enrollment_id as string | null) ?? null,
    secondFactors: KIND_ORDER.filter((kind) => String(row.second_factor_kinds ?? '').split(',').includes(kind)),
    secondFactorsResetAt: (row.second_factors_reset_at as string | null) ?? null,
    deactivatedAt: (row.deactivated_at as string | null) ?? null,
  };
}

/** Reads of the identity directory; prepared once. */
export class IdentityDirectory {
  private readonly byToken: Database.Statement<[string], Record<string, string | number | null>>;
  private readonly byId: Database.Statement<[string], Record<string, string | number | null>>;
  private readonly count: Database.Statement<[], { n: number }>;
  private readonly adminsWithTokens: Database.Statement<[string], { n: number }>;
  private readonly all: Database.Statement<[], Record<string, string | number | null>>;
  private readonly activeByEmail: Database.Statement<[string], Record<string, string | number | null>>;
  private readonly factors: Database.Statement<[string], { factor_id: string }>;

  constructor(db: Database.Database) {
    // Read on every request: the owner's columns authentication uses, not the whole user (whose
    // second-factor kinds are a subquery of their own).
    this.byToken = db.prepare(
      `SELECT t.token_id, t.token_sha256, u.user_id, u.name, u.role
       FROM identity_tokens t JOIN identity_users u ON u.user_id = t.user_id
       WHERE t.token_sha256 = ? AND t.revoked_at IS NULL AND u.active = 1`,
    );
    this.byId = db.prepare(`SELECT ${USER_COLUMNS} FROM identity_users u WHERE user_id = ?`);
    this.count = db.prepare('SELECT count(*) AS n FROM identity_users');
    this.adminsWithTokens = db.prepare(
      `SELECT count(DISTINCT u.user_id) AS n FROM identity_users u JOIN identity_tokens t ON t.user_id = u.user_id
       WHERE u.role = 'admin' AND u.active = 1 AND t.revoked_at IS NULL AND u.user_id <> ?`,
    );
    this.all = db.prepare(`SELECT ${USER_COLUMNS} FROM identity_users u ORDER BY registered_at, user_id`);
    this.activeByEmail = db.prepare(`SELECT ${USER_COLUMNS} FROM identity_users u WHERE u.email = ? AND u.active = 1 ORDER BY registered_at, user_id`);
    this.factors = db.prepare('SELECT factor_id FROM identity_second_factors WHERE user_id = ?');
  }

  /** The active users registered with this email (kept lower-case): single sign-on's match, and registration's uniqueness check. */
  activeUsersWithEmail(email: string): DirectoryUser[] {
    return this.activeByEmail.all(email.toLowerCase()).map(toUser);
  }

  /** The ids of the user's live second factors: a secret an instance still keeps counts only while the ledger names its factor. */
  liveSecondFactorIds(userId: string): Set<string> {
    return new Set(this.factors.all(userId).map((row) => row.factor_id));
  }

  /** Every user, oldest first (the admin's list; a library has tens of users, not thousands). */
  listUsers(): DirectoryUser[] {
    return this.all.all().map(toUser);
  }

  findByTokenSha256(tokenSha256: string): TokenOwner | null {
    const row = this.byToken.get(tokenSha256);
    return row ? { userId: row.user_id as string, name: row.name as string, role: row.role as Role, tokenId: row.token_id as string, tokenSha256: row.token_sha256 as string } : null;
  }

  findUser(userId: string): DirectoryUser | null {
    const row = this.byId.get(userId);
    return row ? toUser(row) : null;
  }

  userCount(): number {
    return this.count.get()!.n;
  }

  /** Admins other than `userId` who hold a live token: who could still manage users if `userId` could not. */
  otherAdminsWithTokens(userId: string): number {
    return this.adminsWithTokens.get(userId)!.n;
  }
}

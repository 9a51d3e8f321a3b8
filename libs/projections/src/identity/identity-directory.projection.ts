import type Database from 'better-sqlite3';
import type { Role, UserEvent } from '@ledger/domain';
import { USER_EVENT_TYPES, assertNever } from '@ledger/domain';
import type { Projection, ProjectedEvent } from '../runner/projection.js';

export interface DirectoryUser {
  readonly userId: string;
  readonly name: string;
  readonly role: Role;
  readonly registeredAt: string;
}

export interface TokenOwner extends DirectoryUser {
  readonly tokenId: string;
  readonly tokenSha256: string;
}

/** Users and their token hashes: what authentication reads on every request. */
export const identityDirectoryProjection: Projection = {
  name: 'identity-directory',
  version: 1,
  handles: USER_EVENT_TYPES,
  setup(db) {
    db.exec(`CREATE TABLE IF NOT EXISTS identity_users (
        user_id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, registered_at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS identity_tokens (
        token_sha256 TEXT PRIMARY KEY, token_id TEXT NOT NULL, user_id TEXT NOT NULL, revoked_at TEXT);
      CREATE INDEX IF NOT EXISTS identity_tokens_by_user ON identity_tokens (user_id);`);
  },
  teardown(db) {
    db.exec('DROP TABLE IF EXISTS identity_users; DROP TABLE IF EXISTS identity_tokens;');
  },
  apply(db, event: ProjectedEvent) {
    const userEvent = { type: event.type, data: event.data } as UserEvent;
    switch (userEvent.type) {
      case 'UserRegistered':
        db.prepare(
          `INSERT INTO identity_users (user_id, name, role, registered_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (user_id) DO UPDATE SET name = excluded.name, role = excluded.role`,
        ).run(userEvent.data.userId, userEvent.data.name, userEvent.data.role, userEvent.data.occurredAt);
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
      case 'PasswordSet':
        // Sign-in reads the credentials store; authentication by token needs neither.
        return;
      default:
        assertNever(userEvent, 'user event');
    }
  },
};

/** Reads of the identity directory; prepared once. */
export class IdentityDirectory {
  private readonly byToken: Database.Statement<[string], Record<string, string>>;
  private readonly byId: Database.Statement<[string], Record<string, string>>;
  private readonly count: Database.Statement<[], { n: number }>;
  private readonly adminsWithTokens: Database.Statement<[string], { n: number }>;
  private readonly all: Database.Statement<[], Record<string, string>>;

  constructor(db: Database.Database) {
    this.byToken = db.prepare(
      `SELECT t.token_id, t.token_sha256, u.user_id, u.name, u.role, u.registered_at
       FROM identity_tokens t JOIN identity_users u ON u.user_id = t.user_id
       WHERE t.token_sha256 = ? AND t.revoked_at IS NULL`,
    );
    this.byId = db.prepare('SELECT user_id, name, role, registered_at FROM identity_users WHERE user_id = ?');
    this.count = db.prepare('SELECT count(*) AS n FROM identity_users');
    this.adminsWithTokens = db.prepare(
      `SELECT count(DISTINCT u.user_id) AS n FROM identity_users u JOIN identity_tokens t ON t.user_id = u.user_id
       WHERE u.role = 'admin' AND t.revoked_at IS NULL AND u.user_id <> ?`,
    );
    this.all = db.prepare('SELECT user_id, name, role, registered_at FROM identity_users ORDER BY registered_at, user_id');
  }

  /** Every user, oldest first (the admin's list; a library has tens of users, not thousands). */
  listUsers(): DirectoryUser[] {
    return this.all.all().map((row) => ({ userId: row.user_id!, name: row.name!, role: row.role as Role, registeredAt: row.registered_at! }));
  }

  findByTokenSha256(tokenSha256: string): TokenOwner | null {
    const row = this.byToken.get(tokenSha256);
    return row
      ? {
          userId: row.user_id!,
          name: row.name!,
          role: row.role as Role,
          registeredAt: row.registered_at!,
          tokenId: row.token_id!,
          tokenSha256: row.token_sha256!,
        }
      : null;
  }

  findUser(userId: string): DirectoryUser | null {
    const row = this.byId.get(userId);
    return row ? { userId: row.user_id!, name: row.name!, role: row.role as Role, registeredAt: row.registered_at! } : null;
  }

  userCount(): number {
    return this.count.get()!.n;
  }

  /** Admins other than `userId` who hold a live token: who could still manage users if `userId` could not. */
  otherAdminsWithTokens(userId: string): number {
    return this.adminsWithTokens.get(userId)!.n;
  }
}

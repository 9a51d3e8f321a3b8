import Database from 'better-sqlite3';
import { createPrivateFile } from '@ledger/ledger';

export interface EnrollmentLink {
  readonly enrollmentId: string;
  readonly userId: string;
  readonly expiresAt: string;
}

export interface UserCredentials {
  readonly userId: string;
  readonly username: string;
  readonly passwordHash: string | null;
  readonly passwordSetAt: string | null;
}

/** The username is already someone else's. */
export class UsernameTaken extends Error {
  constructor(readonly username: string) {
    super(`The username ${username} is taken`);
  }
}

/**
 * `credentials.db`: usernames, scrypt password hashes and the SHA-256 of enrollment-link secrets, kept
 * apart from the event log so that no password hash ever becomes an immutable event. The ledger holds
 * the facts (a username was given, a link issued, a password set); this file holds the secrets. Losing
 * it means re-enrolling users, never losing a record.
 */
export class CredentialsStore {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(file: string) {
    createPrivateFile(file);
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS web_credentials (
        user_id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, password_hash TEXT, password_set_at TEXT);
      CREATE TABLE IF NOT EXISTS enrollment_links (
        secret_sha256 TEXT PRIMARY KEY, enrollment_id TEXT NOT NULL, user_id TEXT NOT NULL, expires_at TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS enrollment_links_by_user ON enrollment_links (user_id);`);
    this.statements = {
      reserve: this.db.prepare('INSERT INTO web_credentials (user_id, username) VALUES (?, ?)'),
      release: this.db.prepare('DELETE FROM web_credentials WHERE user_id = ? AND password_hash IS NULL'),
      byUsername: this.db.prepare<[string], Record<string, string | null>>('SELECT * FROM web_credentials WHERE username = ?'),
      byUser: this.db.prepare<[string], Record<string, string | null>>('SELECT * FROM web_credentials WHERE user_id = ?'),
      all: this.db.prepare<[], Record<string, string | null>>('SELECT * FROM web_credentials'),
      addLink: this.db.prepare('INSERT INTO enrollment_links (secret_sha256, enrollment_id, user_id, expires_at) VALUES (?, ?, ?, ?)'),
      link: this.db.prepare<[string], Record<string, string>>('SELECT * FROM enrollment_links WHERE secret_sha256 = ?'),
      dropLinks: this.db.prepare('DELETE FROM enrollment_links WHERE user_id = ?'),
      setPassword: this.db.prepare('UPDATE web_credentials SET password_hash = ?, password_set_at = ? WHERE user_id = ?'),
      clearPassword: this.db.prepare('UPDATE web_credentials SET password_hash = NULL, password_set_at = NULL WHERE user_id = ?'),
    };
  }

  /** Claims a username for a user (throws `UsernameTaken`); done before the registration is appended. */
  reserveUsername(userId: string, username: string): void {
    try {
      this.statements.reserve.run(userId, username);
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new UsernameTaken(username);
      throw error;
    }
  }

  /** Gives a username back when the registration that claimed it was not recorded. */
  releaseUsername(userId: string): void {
    this.statements.release.run(userId);
  }

  byUsername(username: string): UserCredentials | null {
    return toCredentials(this.statements.byUsername.get(username));
  }

  byUser(userId: string): UserCredentials | null {
    return toCredentials(this.statements.byUser.get(userId));
  }

  all(): UserCredentials[] {
    return this.statements.all.all().map((row) => toCredentials(row)!);
  }

  /** Keeps only this link for the user: a new link voids every earlier one. */
  addEnrollmentLink(secretSha256: string, link: EnrollmentLink): void {
    this.db.transaction(() => {
      this.statements.dropLinks.run(link.userId);
      this.statements.addLink.run(secretSha256, link.enrollmentId, link.userId, link.expiresAt);
    })();
  }

  /**
   * Offboarding: the password hash and every link of the user go (the username stays, theirs alone).
   * Other instances' stores may still hold them; sign-in and enrollment there check the ledger's word too.
   */
  forget(userId: string): void {
    this.db.transaction(() => {
      this.statements.clearPassword.run(userId);
      this.statements.dropLinks.run(userId);
    })();
  }

  enrollmentLink(secretSha256: string): EnrollmentLink | null {
    const row = this.statements.link.get(secretSha256);
    return row ? { enrollmentId: row.enrollment_id, userId: row.user_id, expiresAt: row.expires_at } : null;
  }

  /** Stores the new hash and spends every link the user had, in one transaction. */
  setPassword(userId: string, passwordHash: string, at: string): void {
    this.db.transaction(() => {
      this.statements.setPassword.run(passwordHash, at, userId);
      this.statements.dropLinks.run(userId);
    })();
  }

  close(): void {
    this.db.close();
  }
}

function toCredentials(row: Record<string, string | null> | undefined): UserCredentials | null {
  return row ? { userId: row.user_id!, username: row.username!, passwordHash: row.password_hash ?? null, passwordSetAt: row.password_set_at ?? null } : null;
}

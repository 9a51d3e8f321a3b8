import Database from 'better-sqlite3';
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createPrivateFile } from '@ledger/ledger';

/** A passkey as the credentials store keeps it: its public key and signature counter, no secret at all. */
export interface StoredPasskey {
  readonly credentialId: string;
  readonly factorId: string;
  readonly userId: string;
  readonly publicKey: Uint8Array;
  readonly counter: number;
  readonly transports: string[];
}

export interface StoredTotp {
  readonly factorId: string;
  readonly secret: string;
  readonly confirmed: boolean;
  /** The last 30-second time step a code was accepted for: a code, once used, never signs in again. */
  readonly lastStep: number | null;
}

/**
 * The second factors' secrets, in `credentials.db` beside the passwords (tables of their own): TOTP
 * secrets sealed with AES-256-GCM under a key derived (HKDF) from the keys dir's blind-index key, so a
 * copy of the data dir alone does not give them away; passkeys' public keys; recovery codes as HMACs
 * under the same derived key. The ledger records only that a factor was added or reset.
 */
export class SecondFactorSecretsStore {
  private readonly db: Database.Database;
  private derived: { seal: Buffer; code: Buffer } | null = null;
  private readonly statements;

  /** `blindIndexKeyFile`: the keys dir's blind-index key, from which the sealing and HMAC keys are derived (made as ProtectedFields makes it when absent). */
  constructor(file: string, private readonly blindIndexKeyFile: string) {
    createPrivateFile(file);
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS totp_secrets (
        factor_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, sealed TEXT NOT NULL, confirmed INTEGER NOT NULL DEFAULT 0, last_step INTEGER);
      CREATE INDEX IF NOT EXISTS totp_secrets_by_user ON totp_secrets (user_id);
      CREATE TABLE IF NOT EXISTS passkeys (
        credential_id TEXT PRIMARY KEY, factor_id TEXT NOT NULL, user_id TEXT NOT NULL, public_key BLOB NOT NULL, counter INTEGER NOT NULL, transports TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS passkeys_by_user ON passkeys (user_id);
      CREATE TABLE IF NOT EXISTS recovery_codes (
        user_id TEXT NOT NULL, factor_id TEXT NOT NULL, code_hmac TEXT NOT NULL, used_at TEXT, PRIMARY KEY (user_id, code_hmac));`);
    this.statements = {
      dropUnconfirmedTotp: this.db.prepare('DELETE FROM totp_secrets WHERE user_id = ? AND confirmed = 0'),
      addTotp: this.db.prepare('INSERT INTO totp_secrets (factor_id, user_id, sealed) VALUES (?, ?, ?)'),
      totpOf: this.db.prepare<[string], { factor_id: string; sealed: string; confirmed: number; last_step: number | null }>('SELECT * FROM totp_secrets WHERE user_id = ? ORDER BY confirmed DESC'),
      confirmTotp: this.db.prepare('UPDATE totp_secrets SET confirmed = 1, last_step = ? WHERE factor_id = ? AND user_id = ? AND confirmed = 0'),
      spendStep: this.db.prepare('UPDATE totp_secrets SET last_step = ? WHERE factor_id = ? AND confirmed = 1 AND (last_step IS NULL OR last_step < ?)'),
      addPasskey: this.db.prepare('INSERT INTO passkeys (credential_id, factor_id, user_id, public_key, counter, transports) VALUES (?, ?, ?, ?, ?, ?)'),
      passkeysOf: this.db.prepare<[string], Record<string, unknown>>('SELECT * FROM passkeys WHERE user_id = ?'),
      setCounter: this.db.prepare('UPDATE passkeys SET counter = ? WHERE credential_id = ?'),
      addCode: this.db.prepare('INSERT INTO recovery_codes (user_id, factor_id, code_hmac) VALUES (?, ?, ?)'),
      spendCode: this.db.prepare('UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hmac = ? AND used_at IS NULL'),
      codeFactor: this.db.prepare<[string, string], { factor_id: string }>('SELECT factor_id FROM recovery_codes WHERE user_id = ? AND code_hmac = ?'),
      codesLeft: this.db.prepare<[string], { factor_id: string; n: number }>('SELECT factor_id, count(*) AS n FROM recovery_codes WHERE user_id = ? AND used_at IS NULL GROUP BY factor_id'),
      forgetTotp: this.db.prepare('DELETE FROM totp_secrets WHERE user_id = ?'),
      forgetPasskeys: this.db.prepare('DELETE FROM passkeys WHERE user_id = ?'),
      forgetCodes: this.db.prepare('DELETE FROM recovery_codes WHERE user_id = ?'),
    };
  }

  /** Keeps a new, not yet confirmed TOTP secret for the user (replacing one left unconfirmed). */
  addUnconfirmedTotp(userId: string, factorId: string, secret: string): void {
    this.db.transaction(() => {
      this.statements.dropUnconfirmedTotp.run(userId);
      this.statements.addTotp.run(factorId, userId, this.seal(secret, `${userId}:${factorId}`));
    })();
  }

  /** The user's TOTP secrets, the confirmed one first. */
  totpOf(userId: string): StoredTotp[] {
    return this.statements.totpOf.all(userId).map((row) => ({
      factorId: row.factor_id,
      secret: this.unseal(row.sealed, `${userId}:${row.factor_id}`),
      confirmed: row.confirmed === 1,
      lastStep: row.last_step,
    }));
  }

  /** The set-up's code was right: the secret counts from now, and that code's step is spent. */
  confirmTotp(userId: string, factorId: string, step: number): boolean {
    return this.statements.confirmTotp.run(step, factorId, userId).changes === 1;
  }

  /** Spends a time step (false when it, or a later one, was spent already: the code was used). */
  spendTotpStep(factorId: string, step: number): boolean {
    return this.statements.spendStep.run(step, factorId, step).changes === 1;
  }

  addPasskey(passkey: StoredPasskey): void {
    this.statements.addPasskey.run(passkey.credentialId, passkey.factorId, passkey.userId, Buffer.from(passkey.publicKey), passkey.counter, JSON.stringify(passkey.transports));
  }

  passkeysOf(userId: string): StoredPasskey[] {
    return this.statements.passkeysOf.all(userId).map((row) => ({
      credentialId: row.credential_id as string,
      factorId: row.factor_id as string,
      userId: row.user_id as string,
      publicKey: new Uint8Array(row.public_key as Buffer),
      counter: row.counter as number,
      transports: JSON.parse(row.transports as string) as string[],
    }));
  }

  setPasskeyCounter(credentialId: string, counter: number): void {
    this.statements.setCounter.run(counter, credentialId);
  }

  /** Keeps the HMACs of a new set of recovery codes. */
  addRecoveryCodes(userId: string, factorId: string, codes: readonly string[]): void {
    this.db.transaction(() => {
      for (const code of codes) this.statements.addCode.run(userId, factorId, this.codeHmac(code));
    })();
  }

  /** Spends a recovery code: the factor id of its set when it was unused, null otherwise (a code signs in once). */
  spendRecoveryCode(userId: string, code: string, at: string): string | null {
    const hmac = this.codeHmac(code);
    return this.db.transaction(() => (this.statements.spendCode.run(at, userId, hmac).changes === 1 ? (this.statements.codeFactor.get(userId, hmac)?.factor_id ?? null) : null))();
  }

  /** Unused recovery codes per set. */
  recoveryCodesLeft(userId: string): Map<string, number> {
    return new Map(this.statements.codesLeft.all(userId).map((row) => [row.factor_id, row.n]));
  }

  /** The admin's reset: every secret, public key and code of the user goes. */
  forget(userId: string): void {
    this.db.transaction(() => {
      this.statements.forgetTotp.run(userId);
      this.statements.forgetPasskeys.run(userId);
      this.statements.forgetCodes.run(userId);
    })();
  }

  close(): void {
    this.db.close();
  }

  /** Derived on first use: the blind-index key may not exist yet when the server starts on an empty keys dir. */
  private keys(): { seal: Buffer; code: Buffer } {
    if (!this.derived) {
      if (!existsSync(this.blindIndexKeyFile)) {
        try {
          writeFileSync(this.blindIndexKeyFile, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
        } catch (error) {
          if ((error as { code?: string }).code !== 'EEXIST') throw error;
        }
      }
      const root = Buffer.from(readFileSync(this.blindIndexKeyFile, 'utf8').trim(), 'base64');
      // Separate keys for separate uses (HKDF's info), none of them the blind-index key itself.
      this.derived = {
        seal: Buffer.from(hkdfSync('sha256', root, Buffer.alloc(0), 'ledger second-factor secrets v1', 32)),
        code: Buffer.from(hkdfSync('sha256', root, Buffer.alloc(0), 'ledger recovery codes v1', 32)),
      };
    }
    return this.derived;
  }

  /** Codes are typed by people: case, spaces and dashes do not matter. */
  private codeHmac(code: string): string {
    return createHmac('sha256', this.keys().code).update(code.replace(/[\s-]/g, '').toLowerCase()).digest('hex');
  }

  private seal(plain: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys().seal, iv).setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  private unseal(sealed: string, context: string): string {
    const raw = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.keys().seal, raw.subarray(0, 12)).setAAD(Buffer.from(context));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}

import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../../../../../test/support/temp-dir.js';
import { SecondFactorSecretsStore } from './second-factor-secrets.store.js';

/** Everything `credentials.db` keeps of a second factor, as bytes on disk. */
function fileText(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const rows = ['totp_secrets', 'passkeys', 'recovery_codes'].flatMap((table) => db.prepare(`SELECT * FROM ${table}`).all());
    return JSON.stringify(rows) + readFileSync(file).toString('latin1');
  } finally {
    db.close();
  }
}

describe('second-factor secrets in credentials.db (real SQLite)', () => {
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
  const codes = ['abcde-fghjk', 'mnpqr-stuvw'];

  it('given a TOTP secret and recovery codes, then neither is on disk in clear, and both read back under the keys dir’s key', () => {
    const temp = makeTempDir('second-factors-');
    try {
      const keyFile = join(temp.dir, 'blind-index.key');
      const file = join(temp.dir, 'credentials.db');
      const store = new SecondFactorSecretsStore(file, keyFile);
      store.addUnconfirmedTotp('u1', 'f1', secret);
      store.addRecoveryCodes('u1', 'r1', codes);
      expect(store.totpOf('u1')).toEqual([{ factorId: 'f1', secret, confirmed: false, lastStep: null }]);
      store.close();

      const onDisk = fileText(file);
      expect(onDisk).not.toContain(secret);
      for (const code of codes) {
        expect(onDisk).not.toContain(code);
        expect(onDisk).not.toContain(code.replace('-', ''));
      }

      // The same data dir under another keys dir's key: the sealed secret does not open.
      const otherKey = join(temp.dir, 'other.key');
      writeFileSync(otherKey, randomBytes(32).toString('base64') + '\n');
      const elsewhere = new SecondFactorSecretsStore(file, otherKey);
      expect(() => elsewhere.totpOf('u1')).toThrow();
      elsewhere.close();

      const again = new SecondFactorSecretsStore(file, keyFile);
      expect(again.totpOf('u1')[0].secret).toBe(secret);
      again.close();
    } finally {
      temp.remove();
    }
  });

  it('spends a time step once and only forward, a recovery code once (typed in any case, without its dash); a reset forgets everything', () => {
    const temp = makeTempDir('second-factors-');
    try {
      const store = new SecondFactorSecretsStore(join(temp.dir, 'credentials.db'), join(temp.dir, 'blind-index.key'));
      store.addUnconfirmedTotp('u1', 'f1', secret);
      expect(store.spendTotpStep('f1', 100)).toBe(false); // not confirmed yet
      expect(store.confirmTotp('u1', 'f1', 100)).toBe(true);
      expect(store.confirmTotp('u1', 'f1', 101)).toBe(false);
      expect(store.spendTotpStep('f1', 100)).toBe(false);
      expect(store.spendTotpStep('f1', 101)).toBe(true);
      expect(store.spendTotpStep('f1', 101)).toBe(false);
      expect(store.spendTotpStep('f1', 99)).toBe(false);

      store.addRecoveryCodes('u1', 'r1', codes);
      expect(store.recoveryCodesLeft('u1')).toEqual(new Map([['r1', 2]]));
      expect(store.spendRecoveryCode('u1', 'ABCDEFGHJK', '2026-01-01T00:00:00Z')).toBe('r1');
      expect(store.spendRecoveryCode('u1', 'abcde-fghjk', '2026-01-01T00:00:00Z')).toBeNull();
      expect(store.spendRecoveryCode('u2', 'mnpqr-stuvw', '2026-01-01T00:00:00Z')).toBeNull();
      expect(store.recoveryCodesLeft('u1')).toEqual(new Map([['r1', 1]]));

      store.forget('u1');
      expect(store.totpOf('u1')).toEqual([]);
      expect(store.recoveryCodesLeft('u1')).toEqual(new Map());
      expect(store.spendRecoveryCode('u1', 'mnpqr-stuvw', '2026-01-01T00:00:00Z')).toBeNull();
      store.close();
    } finally {
      temp.remove();
    }
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { type LedgerConfig, LedgerLog, type NoteVerifier, noteSigner, parseVerifierKey, readSigningKey, resolveLogOrigin } from '@ledger/ledger';
import { CliError } from './ledger-session.js';

/**
 * The log's verifier key for a CLI check: from `--key FILE` (a verifier key as
 * `GET /v1/ledger/public-key` gives it), else derived from the signing key file when this machine
 * has it; null when neither is at hand.
 */
export function logVerifier(config: LedgerConfig | null, keyFile?: string): NoteVerifier | null {
  if (keyFile) {
    try {
      return parseVerifierKey(readFileSync(keyFile, 'utf8'));
    } catch (error) {
      throw new CliError(`${keyFile} is not a log verifier key: ${(error as Error).message}`);
    }
  }
  if (!config || !existsSync(config.paths.signingKey)) return null;
  const key = readSigningKey(config.paths.signingKey);
  return noteSigner(resolveLogOrigin({ configured: config.logOrigin, kept: LedgerLog.keptOrigin(config.paths.log), key }), key.privateKey);
}

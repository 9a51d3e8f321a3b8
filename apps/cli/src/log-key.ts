import { existsSync, readFileSync } from 'node:fs';
import { createPrivateKey } from 'node:crypto';
import { defaultOrigin, type LedgerConfig, type NoteVerifier, noteSigner, parseVerifierKey } from '@ledger/ledger';
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
  const privateKey = createPrivateKey(readFileSync(config.paths.signingKey));
  return noteSigner(config.logOrigin ?? defaultOrigin(privateKey), privateKey);
}

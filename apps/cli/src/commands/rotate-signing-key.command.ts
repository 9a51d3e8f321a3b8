import { Command, CommandRunner } from 'nest-commander';
import { caughtUpLog } from '../ledger-log-session.js';
import { withLedger } from '../ledger-session.js';

/**
 * `ledger rotate-signing-key` (with every API instance stopped): brings the log up to date, signs
 * its latest checkpoint again naming a new key (`signing-key/v1 <verifier key>`), by the old key and
 * the new, keeps it in log.db, puts the new key in the key file (the old one kept beside it as
 * `<file>.retired-<time>`), and offers the rotation to the witnesses of `LEDGER_WITNESSES`, who then
 * trust the new key instead of the old. The log and its origin are unchanged.
 */
@Command({ name: 'rotate-signing-key', description: "Replace the log's signing key with a checkpoint signed by the old key and the new, which witnesses follow" })
export class RotateSigningKeyCommand extends CommandRunner {
  async run(): Promise<void> {
    await withLedger(async (ledger) => {
      const log = await caughtUpLog(ledger);
      const rotation = log.rotateSigningKey(ledger.clock.now());
      process.stdout.write(
        `Rotated the signing key of log ${log.origin} at size ${rotation.size}:\n  old ${rotation.oldKey}\n  new ${rotation.newKey}\n` +
          `The old key is kept beside ${ledger.config.paths.signingKey} (.retired-…): move it offline. Publish the new key; GET /v1/ledger/key-rotations serves the rotation.\n`,
      );
      if (ledger.config.witnesses.length === 0) return;
      const followed = await log.submitRotation(rotation, ledger.config.witnesses, (message) => process.stderr.write(`ledger: ${message}\n`));
      process.stdout.write(`${followed} of ${ledger.config.witnesses.length} witnesses followed the rotation${followed < ledger.config.witnesses.length ? ' (the server offers it again at each start)' : ''}.\n`);
    });
  }
}

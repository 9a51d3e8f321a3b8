import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { CliModule } from './cli.module.js';
import { CliError } from './ledger-session.js';
import { takePrivacyFlags } from '@ledger/runtime';

function fail(error: Error & { code?: string }): never {
  // commander reports --help and --version as "errors"; they are not failures.
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help' || error.code === 'commander.version') process.exit(0);
  process.stderr.write(`ledger: ${error.message}\n`);
  process.exit(error instanceof CliError ? error.exitCode : 2);
}

/** `npm run ledger -- <command>`: the ledger's command line. */
async function main(): Promise<void> {
  // commander names the program after the script it was started from (main.js); people type `ledger`.
  process.argv[1] = 'ledger';
  takePrivacyFlags(process.argv, process.env);
  await CommandFactory.run(CliModule, { cliName: 'ledger', logger: false, errorHandler: fail, serviceErrorHandler: fail });
}

void main();

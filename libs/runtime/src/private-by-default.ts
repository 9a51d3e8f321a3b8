/** The command-line flag that lets the server or the CLI start on files others can read. */
export const ALLOW_SHARED_PERMISSIONS_FLAG = '--allow-shared-permissions';

/**
 * Makes everything this process creates private to its user whatever umask it was started with (the
 * ledger's own creations are made 0700/0600 explicitly too; this covers the rest), and turns
 * `--allow-shared-permissions` into `LEDGER_ALLOW_SHARED_PERMISSIONS=true`, taking it out of `argv`
 * so that no command's own options see it. Called first by the server's and the CLI's entry points.
 */
export function takePrivacyFlags(argv: string[], env: NodeJS.ProcessEnv): void {
  process.umask(0o077);
  const at = argv.indexOf(ALLOW_SHARED_PERMISSIONS_FLAG);
  if (at < 0) return;
  argv.splice(at, 1);
  env.LEDGER_ALLOW_SHARED_PERMISSIONS = 'true';
}

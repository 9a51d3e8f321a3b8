import { Command, CommandRunner, Option } from 'nest-commander';
import { type UserCommand, type UserEvent, userDecider, userStream } from '@ledger/domain';
import { decodeRecorded, type EventStore, mayDecodeAs, newTokenSecret, readAllPages, writeAdminTokenFile } from '@ledger/ledger';
import { caughtUpLog } from '../ledger-log-session.js';
import { CliError, withLedger } from '../ledger-session.js';

interface AdminTokenFlags {
  reset?: boolean;
  print?: boolean;
}

/** Who the ledger names for a token issued on the server itself, as for the first admin's. */
const SYSTEM_ACTOR = { userId: 'system', role: 'admin' } as const;

/**
 * `ledger admin-token --reset`: for the day nobody holds a live admin token. Issues the first admin a new
 * token as a `TokenIssued` event, through the same runner, decider, hash-chained writer and integrity alarm as the API (`openLedger`), and hands
 * it over as the first start does: `<data dir>/admin-token`, mode 0600, path printed, token not (unless
 * `--print`). It appends like any other writer, so it works with the server stopped or running: on the
 * embedded store the server's log follower and views pick the event up from the shared file (WAL), and on
 * EventStoreDB from their subscription, and the token works at once on every instance.
 */
@Command({ name: 'admin-token', description: 'Issue the first admin a new token (--reset), recorded in the ledger and written to <data dir>/admin-token' })
export class AdminTokenCommand extends CommandRunner {
  async run(_args: string[], flags: AdminTokenFlags): Promise<void> {
    if (!flags.reset) throw new CliError('Say --reset to issue the first admin a new token');
    const issued = await withLedger(async (ledger) => {
      const { store, config } = ledger;
      const adminId = await firstAdmin(store);
      // The writer obeys the log's integrity alarm, as the server's does: no token is issued over a contradicted ledger.
      await caughtUpLog(ledger);
      const secret = newTokenSecret();
      const result = await ledger.runners.streams.runAsSystem({
        stream: userStream(adminId),
        decider: userDecider,
        expect: 'existing',
        system: SYSTEM_ACTOR,
        command: ({ occurredAt }): UserCommand => ({ type: 'IssueToken', userId: adminId, tokenId: secret.tokenId, tokenSha256: secret.tokenSha256, by: SYSTEM_ACTOR.userId, occurredAt }),
      });
      writeAdminTokenFile(config.paths.adminToken, secret.token, { replace: true });
      return { adminId, token: secret.token, file: config.paths.adminToken, position: result.position };
    });
    process.stdout.write(
      `Issued admin ${issued.adminId} a new token (recorded at position ${issued.position}); it is in ${issued.file} (readable by this account only).\n`,
    );
    if (flags.print) process.stdout.write(`${issued.token}\n`);
  }

  @Option({ flags: '--reset', description: 'issue the first admin a new token' })
  parseReset(): boolean {
    return true;
  }

  @Option({ flags: '--print', description: 'also print the new token on standard output' })
  parsePrint(): boolean {
    return true;
  }
}

const REGISTERED: ReadonlySet<string> = new Set(['UserRegistered'] satisfies UserEvent['type'][]);

/** The admin the first start registered: the earliest `UserRegistered` with the admin role. */
async function firstAdmin(store: EventStore): Promise<string> {
  for await (const page of readAllPages(store)) {
    for (const recorded of page) {
      if (!mayDecodeAs(recorded.type, REGISTERED)) continue;
      const { event } = decodeRecorded<UserEvent>(recorded);
      if (event.type === 'UserRegistered' && event.data.role === 'admin') return event.data.userId;
    }
  }
  throw new CliError('This ledger has no admin user yet: start the server once, and it creates one');
}

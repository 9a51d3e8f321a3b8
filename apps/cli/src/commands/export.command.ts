import Database from 'better-sqlite3';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { Command, CommandRunner, Option } from 'nest-commander';
import { userInfo } from 'node:os';
import { accessStream, CASE_EVENT_TYPES, isCaseId, caseStream, policyStampOf, type RecordAccessedData } from '@ledger/domain';
import { buildCaseFile, CASE_FILE_FORMATS, findingSettingsOf, type CaseFileFormat, proveCaseEvents, renderCaseFile } from '@ledger/exports';
import { type EventStore, type LedgerConfig, LedgerWriter, libraryTimeZone, mayDecodeAs, ProtectedFields } from '@ledger/ledger';
import { IdentityDirectory, queryFindings } from '@ledger/projections';
import { caughtUpLog } from '../ledger-log-session.js';
import { CliError, withLedger } from '../ledger-session.js';

const CASE_TYPES: ReadonlySet<string> = new Set(CASE_EVENT_TYPES);

interface ExportFlags {
  format?: CaseFileFormat;
  out?: string;
  pseudonymise?: boolean;
}

/**
 * `ledger export <caseId> --format pdf --out file`: the case file, read from the store itself. An
 * operator's tool run on the server's host with access to its keys, so by default it holds the full
 * content including the patron reference (as the director's or counsel's export does);
 * `--pseudonymise` gives the auditor's file (pseudonym only, never the reference) and needs no keys.
 */
/** The case's findings from the views, if they have been built (an empty list otherwise). */
function findingsOf(views: Database.Database | null, caseId: string) {
  try {
    return views ? queryFindings(views, { caseId, limit: 500 }).items : [];
  } catch {
    return [];
  }
}

/**
 * The access log's record of a command-line export: who ran it (the operating-system account, as
 * `cli:<account>`, role `operator`: the command line has no ledger user), which case, in what form, and
 * whether it was given. Exports from the command line are in the auditor's access log like the API's.
 */
async function recordExport(store: EventStore, config: LedgerConfig, caseId: string, format: CaseFileFormat, flags: ExportFlags, outcome: RecordAccessedData['outcome'], status: number): Promise<void> {
  const occurredAt = new Date().toISOString();
  const entry: RecordAccessedData = {
    userId: `cli:${userInfo().username}`,
    role: 'operator',
    action: 'case_export',
    // A mistyped argument could be anything, a card number included: only a well-formed case id is kept.
    caseId: isCaseId(caseId) ? caseId : '[withheld]',
    query: { channel: 'command_line', pseudonymise: flags.pseudonymise ? 'true' : 'false' },
    format,
    outcome,
    status,
    occurredAt,
  };
  await new LedgerWriter(store).appendToEnd(accessStream(occurredAt), [
    { type: 'RecordAccessed', data: entry, metadata: { actor: { userId: entry.userId, role: entry.role }, occurredAt, recordedAt: occurredAt, ...policyStampOf(config.jurisdiction) } },
  ]);
}

@Command({ name: 'export', arguments: '<caseId>', description: "Export a case file (JSON, CSV or PDF) from the ledger" })
export class ExportCommand extends CommandRunner {
  async run([caseId]: string[], flags: ExportFlags): Promise<void> {
    const format = flags.format ?? 'json';
    const { body, events } = await withLedger(async (ledger) => {
      const { store, config } = ledger;
      const recorded = await store.readStream(caseStream(caseId));
      const caseEvents = recorded.filter((event) => mayDecodeAs(event.type, CASE_TYPES));
      if (caseEvents.length === 0) {
        await recordExport(store, config, caseId, format, flags, 'denied', 404);
        // Named back only when it is a case id: a card number typed in its place is not printed.
        throw new CliError(isCaseId(caseId) ? `No case ${caseId} in the ledger` : 'No case with that id in the ledger (a case id is a UUID)', 1);
      }
      let protectedFields: ProtectedFields | null = null;
      if (!flags.pseudonymise) {
        if (!existsSync(config.paths.blindIndexKey) || !existsSync(config.paths.keys)) {
          throw new CliError(`No patron keys at ${config.keysDir} (set LEDGER_KEYS_DIR), or export with --pseudonymise`);
        }
        protectedFields = ledger.protectedFields;
      }
      const views = existsSync(config.paths.views) ? new Database(config.paths.views, { readonly: true, fileMustExist: true }) : null;
      let directory: IdentityDirectory | null = null;
      try {
        directory = views ? new IdentityDirectory(views) : null;
      } catch {
        directory = null; // views not built yet: names are left out, ids stay
      }
      try {
        const file = buildCaseFile({
          caseId: caseId,
          events: recorded,
          generatedAt: new Date().toISOString(),
          preparedFor: `operator export (command line${flags.pseudonymise ? ', pseudonymised' : ''})`,
          directory: (userId) => directory?.findUser(userId) ?? null,
          findings: findingsOf(views, caseId),
          findingSettings: findingSettingsOf(config),
          log: await proveCaseEvents(await caughtUpLog(ledger), recorded),
          ...(protectedFields ? { revealPatronRef: (blindIndex: string, encryptedRef: string) => protectedFields.reveal(blindIndex, encryptedRef) } : {}),
        });
        const body = await renderCaseFile(file, format, { timeZone: libraryTimeZone(process.env.LEDGER_TIMEZONE) });
        // Recorded before the file leaves, as the API records an export before it answers.
        await recordExport(store, config, caseId, format, flags, 'allowed', 200);
        return { body, events: recorded.length };
      } finally {
        views?.close();
      }
    });
    if (flags.out) {
      // `mode` applies only to a file made new: one already there is made private before the case file goes in.
      if (existsSync(flags.out)) chmodSync(flags.out, 0o600);
      writeFileSync(flags.out, body, { mode: 0o600 });
      process.stderr.write(`Case ${caseId}: ${events} events written to ${flags.out} (${format}, ${body.length} bytes).\n`);
    } else {
      process.stdout.write(body);
    }
  }

  @Option({ flags: '-f, --format <format>', description: 'json (default), csv or pdf' })
  parseFormat(value: string): CaseFileFormat {
    if (!(CASE_FILE_FORMATS as readonly string[]).includes(value)) throw new CliError(`--format must be json, csv or pdf, not "${value}"`);
    return value as CaseFileFormat;
  }

  @Option({ flags: '-o, --out <file>', description: 'write to this file (mode 0600) instead of stdout' })
  parseOut(value: string): string {
    return value;
  }

  @Option({ flags: '--pseudonymise', description: "the auditor's file: the patron's pseudonym only, never the reference" })
  parsePseudonymise(): boolean {
    return true;
  }
}

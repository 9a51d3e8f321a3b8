import { Command, CommandRunner, Option } from 'nest-commander';
import { RETENTION_STREAM, type RetentionEvent, retentionDecider, retentionKindsOf } from '@ledger/domain';
import { decodeRecorded, reapplyRecordedShreds } from '@ledger/ledger';
import { attachedPseudonymsOf, createCaseViewsProjection, materialiseDueFindings, ProjectionRunner, retentionPlanFromViews, retentionProjection } from '@ledger/projections';
import type { Ledger } from '@ledger/runtime';
import { CliError, withLedger } from '../ledger-session.js';

interface RetentionFlags {
  dryRun?: boolean;
  reapply?: boolean;
  json?: boolean;
}

/**
 * `ledger retention --dry-run`: what a purge now would shred, under which rule and from which due
 * date, and what it would keep and why (a legal hold, a shared first-reading key). Read-only: it
 * folds the ledger into a throw-away view in memory, so it runs beside the server.
 *
 * `ledger retention --reapply`: destroys every key in keys.db that a recorded `PatronIdentityShredded`
 * names — after restoring an older keys.db from a backup, so that no shredded identity comes back.
 */
@Command({ name: 'retention', description: 'Records lifecycle: --dry-run lists what a purge would shred and keep; --reapply re-applies recorded shreds to keys.db' })
export class RetentionCommand extends CommandRunner {
  async run(_args: string[], flags: RetentionFlags): Promise<void> {
    if (!flags.dryRun === !flags.reapply) throw new CliError('Say --dry-run (what a purge would do) or --reapply (re-apply recorded shreds to keys.db)');
    const { lines, ...report } = await withLedger<{ lines: string[] } & object>((ledger) => (flags.reapply ? reapply(ledger) : dryRun(ledger)));
    process.stdout.write(`${flags.json ? JSON.stringify(report) : lines.join('\n')}\n`);
  }

  @Option({ flags: '--dry-run', description: 'list what a purge now would shred and keep, and why' })
  parseDryRun(): boolean {
    return true;
  }

  @Option({ flags: '--reapply', description: 'destroy every key a recorded shred names that keys.db still holds' })
  parseReapply(): boolean {
    return true;
  }

  @Option({ flags: '--json', description: 'print the report as JSON' })
  parseJson(): boolean {
    return true;
  }
}

async function reapply({ store, protectedFields }: Ledger) {
  const result = await reapplyRecordedShreds(store, protectedFields);
  const lines = [
    `${result.recorded} shreds recorded in the ledger; ${result.destroyedNow.length} key(s) were still in keys.db and are destroyed now.`,
    ...result.fingerprintMismatches.map((keyId) => `WARNING: key ${keyId} was not the key the ledger recorded (fingerprint differs): is this keys.db from this ledger?`),
  ];
  return { ...result, lines };
}

async function dryRun({ store, config }: Ledger) {
  const at = new Date().toISOString();
  // The views the plan reads, built in memory by the runner's own replay (nothing is written to views.db).
  const caseViews = createCaseViewsProjection({ referralSlaMinutes: config.referralSlaMinutes, breachNoticeDays: config.breachNoticeDays, timeZone: config.timeZone });
  const runner = new ProjectionRunner(store, ':memory:', [retentionProjection, caseViews]);
  const db = runner.db;
  try {
    await runner.rebuild();
    materialiseDueFindings(db, new Date(at));
    let state = retentionDecider.initialState;
    for (const recorded of await store.readStream(RETENTION_STREAM)) {
      state = retentionDecider.evolve(state, decodeRecorded<RetentionEvent>(recorded).event);
    }
    const plan = retentionPlanFromViews(db, state, at);
    const items = plan.map(({ facts, due, holds, kept }) => ({
      caseId: facts.caseId,
      // A request about a resource or a transaction: the patrons attached to it.
      patronPseudonym: facts.blindIndex === '' ? attachedPseudonymsOf(db, facts.caseId).join(', ') || 'no patron attached' : facts.pseudonym,
      caseKinds: retentionKindsOf(facts),
      rule: due.ruleId,
      dueAt: due.dueAt,
      reason: due.reason,
      holds,
      willPurge: kept === null,
      ...(kept ? { keptBecause: kept } : {}),
    }));
    const purge = items.filter((item) => item.willPurge);
    const lines = [
      `Retention dry run at ${at} (schedule version ${state.schedule.version}): ${purge.length} identities would be shredded, ${items.length - purge.length} due but kept.`,
      ...items.map((item) =>
        item.willPurge
          ? `SHRED ${item.caseId} (${item.patronPseudonym}): due ${item.dueAt}, ${item.reason}`
          : `KEEP  ${item.caseId} (${item.patronPseudonym}): due ${item.dueAt}, but ${item.keptBecause!.reason} [${item.keptBecause!.rule}]`,
      ),
    ];
    return { at, scheduleVersion: state.schedule.version, items, lines };
  } finally {
    await runner.close();
  }
}

/**
 * Opening cases "the real way": through the service the POST /v1/cases handler uses — protect the
 * patron reference (AES-256-GCM + blind index), load the patron's standing from `patron-<blindIndex>`,
 * decide OpenCase with the rule pack, chain + hash + append with `no_stream` — on a given store.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Category } from '@ledger/domain';
import { CommandPipeline, type EventStore, LedgerWriter, loadLedgerConfig, ProtectedFields } from '@ledger/ledger';
import { CaseCommandRunner, CaseOpening, DesigneeRoster, systemClock } from '@ledger/runtime';

export type OpenCaseFn = (n: number) => Promise<unknown>;

const STAFF = { userId: '00000000-0000-4000-8000-00000000beef', role: 'staff' as const };
const CATEGORY_SETS: Category[][] = [['checkouts'], ['checkouts', 'holds'], ['amount_owed', 'checkouts', 'holds'], ['circulation_history']];

/**
 * The handler's own service without Nest: `CaseOpening` (protect, patron standing, rules, hash chain,
 * append) over a `CaseCommandRunner` with the system clock and the designee roster, over `patrons`
 * distinct references whose data keys are made beforehand (see `nestOpenCase` for new patrons).
 */
export async function directOpenCase(store: EventStore, protectedFields: ProtectedFields, patrons = 100): Promise<OpenCaseFn> {
  await Promise.all(Array.from({ length: patrons }, (_, i) => protectedFields.protect(patronRef(i))));
  const pipeline = new CommandPipeline(store, new LedgerWriter(store));
  const opening = new CaseOpening(new CaseCommandRunner(pipeline, systemClock, new DesigneeRoster(pipeline), loadLedgerConfig({})), pipeline, protectedFields);
  return (n) =>
    opening.open({
      user: STAFF,
      requester: { kind: 'patron', name: 'Patron at the desk' },
      channel: 'in_person',
      patron: { ref: patronRef(n % patrons), isMinor: false },
      requestedCategories: CATEGORY_SETS[n % CATEGORY_SETS.length],
      identification: [{ kind: 'library_card' }],
    });
}

/** Temporary key material for a benchmark store. */
export function tempProtectedFields(dir = mkdtempSync(join(tmpdir(), 'ledger-bench-keys-'))): ProtectedFields {
  return ProtectedFields.open({ keysFile: join(dir, 'keys.db'), blindIndexKeyFile: join(dir, 'blind-index.key') });
}

/** `concurrency` workers each opening cases back to back for `ms`; returns cases per second. */
export async function measureConcurrency(open: OpenCaseFn, concurrency: number, ms: number, warmupMs = 150): Promise<{ casesPerSecond: number; cases: number; seconds: number; errors: number }> {
  let counter = 0;
  let errors = 0;
  let firstError: unknown;
  const runFor = async (duration: number, count: boolean) => {
    let done = 0;
    const deadline = performance.now() + duration;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < deadline) {
          try {
            await open(counter++);
            if (count) done++;
          } catch (error) {
            errors++;
            firstError ??= error;
            if (errors > 100) throw error;
          }
        }
      }),
    );
    return done;
  };
  await runFor(warmupMs, false);
  errors = 0;
  const started = performance.now();
  const cases = await runFor(ms, true);
  const seconds = (performance.now() - started) / 1000;
  if (cases === 0 && firstError) throw firstError instanceof Error ? firstError : new Error('the pipeline failed', { cause: firstError });
  return { casesPerSecond: cases / seconds, cases, seconds, errors };
}

export function patronRef(i: number): string {
  return `2100${String(i).padStart(10, '0')}`;
}

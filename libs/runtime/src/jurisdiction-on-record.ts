import { type AdoptJurisdiction, DEFAULT_JURISDICTION, JURISDICTION_SETTINGS_STREAM, type JurisdictionId, jurisdictionSettingDecider } from '@ledger/domain';
import { ConfigurationError, WriteConflictError } from '@ledger/ledger';
import type { Ledger } from './open-ledger.js';

/** Who the ledger names for what the server records at its first start. */
const FIRST_START = { userId: 'system', role: 'admin' } as const;

/**
 * The jurisdiction the ledger is kept under, by its own record: the last `JurisdictionAdopted`; for a
 * ledger without one, the default pack if it holds any event (every event before packs were named was
 * decided under it), and none for an empty ledger.
 */
export async function jurisdictionOnRecord(ledger: Pick<Ledger, 'pipeline' | 'store'>): Promise<JurisdictionId | null> {
  const { state } = await ledger.pipeline.load(JURISDICTION_SETTINGS_STREAM, jurisdictionSettingDecider);
  if (state.adopted !== null) return state.adopted;
  return (await ledger.store.headPosition()) === null ? null : DEFAULT_JURISDICTION.id;
}

/**
 * What the server does before anything else at start: an empty ledger records the configured
 * jurisdiction (unless it is the default, which an unrecorded ledger is kept under); a ledger kept under
 * another one is refused, with the command that switches it on the record.
 */
export async function assertJurisdictionOnRecord(ledger: Pick<Ledger, 'pipeline' | 'store' | 'config' | 'runners'>): Promise<void> {
  const configured = ledger.config.jurisdiction.id;
  const recorded = await jurisdictionOnRecord(ledger);
  if (recorded === configured || (recorded === null && configured === DEFAULT_JURISDICTION.id)) return;
  if (recorded === null) {
    try {
      await ledger.runners.streams.runAsSystem({
        stream: JURISDICTION_SETTINGS_STREAM,
        decider: jurisdictionSettingDecider,
        expect: 'new',
        system: FIRST_START,
        command: ({ occurredAt }): AdoptJurisdiction => ({ type: 'AdoptJurisdiction', jurisdiction: configured, reason: 'LEDGER_JURISDICTION at the first start of an empty ledger', adoptedBy: FIRST_START.userId, occurredAt }),
        context: () => null,
      });
      return;
    } catch (error) {
      // Another instance started at the same moment: what it recorded decides.
      if (!(error instanceof WriteConflictError)) throw error;
      return assertJurisdictionOnRecord(ledger);
    }
  }
  throw new ConfigurationError(
    `LEDGER_JURISDICTION is ${configured}, but this ledger is kept under ${recorded}: its events were decided under that pack. ` +
      `To keep it under ${configured} from now on, run \`ledger jurisdiction adopt ${configured} --reason "…"\` (recorded as JurisdictionAdopted); ` +
      `otherwise set LEDGER_JURISDICTION=${recorded}.`,
  );
}

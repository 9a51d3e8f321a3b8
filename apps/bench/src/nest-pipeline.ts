/**
 * Opening cases through the application itself: the case commands' `opening` of an app context
 * built by `createLedgerApp` (+ `app.init()`, no HTTP listener), so the runner, its roster lookup,
 * ProtectedFields, the pipeline, the embedded store and the live projection runner all take part.
 */
import type { INestApplication } from '@nestjs/common';
import type { Category } from '@ledger/domain';
import { type EventStore, EVENT_STORE, type LedgerConfig, loadHttpConfig, type ProtectedFields } from '@ledger/ledger';
import { createLedgerApp } from '../../api/src/create-app.js';
import { CaseCommands } from '../../api/src/cases/case-commands.service.js';
import { PROTECTED_FIELDS } from '../../api/src/infrastructure/tokens.js';
import type { OpenCaseFn } from './pipeline.js';
import { patronRef } from './pipeline.js';

const USER = { userId: '00000000-0000-4000-8000-00000000beef', name: 'Bench Staff', role: 'staff' as const, tokenId: 'bench' };
const CATEGORY_SETS: Category[][] = [['checkouts'], ['checkouts', 'holds'], ['amount_owed', 'checkouts', 'holds'], ['circulation_history']];

export interface NestPipeline {
  /** Opens a case for one of `patrons` known patrons. */
  readonly open: OpenCaseFn;
  /** Opens a case for a patron seen for the first time (their data key is made on the way). */
  readonly openForNewPatron: OpenCaseFn;
  readonly store: EventStore;
  readonly protectedFields: ProtectedFields;
  close(): Promise<void>;
}

export async function nestOpenCase(config: LedgerConfig, patrons = 100): Promise<NestPipeline> {
  const app: INestApplication = await createLedgerApp({ config, http: loadHttpConfig({ PORT: '0' }), logger: false });
  await app.init();
  const { opening } = app.get(CaseCommands);
  const openFor = (ref: (n: number) => string): OpenCaseFn => (n) =>
    opening.open({
      requester: { kind: 'patron', name: 'Patron at the desk' },
      channel: 'in_person',
      patron: { ref: ref(n) },
      requestedCategories: CATEGORY_SETS[n % CATEGORY_SETS.length],
      identification: [{ kind: 'library_card' }],
      user: USER,
    });
  const open = openFor((n) => patronRef(n % patrons));
  // Make the known patrons' data keys beforehand, so that `open` measures returning patrons.
  for (let i = 0; i < patrons; i++) await open(i);
  const openForNewPatron = openFor((n) => `NEW-PATRON-${n}`);
  return { open, openForNewPatron, store: app.get(EVENT_STORE), protectedFields: app.get(PROTECTED_FIELDS), close: () => app.close() };
}

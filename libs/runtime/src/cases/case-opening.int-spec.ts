import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseStream, isCaseId, type DisclosureRequested } from '@ledger/domain';
import { caseKeyId, CommandPipeline, LedgerWriter, ProtectedFields, SqliteEventStore } from '@ledger/ledger';
import { CaseCommandRunner } from './case-command-runner.js';
import { CaseOpening } from './case-opening.js';
import { DesigneeRoster } from './designee-roster.js';

describe('CaseOpening (the service the OpenCase handler and the bench share)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let protectedFields: ProtectedFields;
  let opening: CaseOpening;
  const now = new Date('2026-03-02T10:00:00.000Z');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'case-opening-'));
    store = SqliteEventStore.open(join(dir, 'events.db'));
    protectedFields = ProtectedFields.open({ keysFile: join(dir, 'keys.db'), blindIndexKeyFile: join(dir, 'blind-index.key') });
    const pipeline = new CommandPipeline(store, new LedgerWriter(store));
    const runner = new CaseCommandRunner(pipeline, { now: () => now }, new DesigneeRoster(pipeline), { maxBackdateDays: 30 });
    opening = new CaseOpening(runner, pipeline, protectedFields);
  });
  afterEach(async () => {
    await store.close();
    protectedFields.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens a case whose patron reference is stored only encrypted, under the case’s own key', async () => {
    const opened = await opening.open({
      user: { userId: 'u-staff', role: 'staff' },
      requester: { kind: 'patron', name: 'Patron at the desk' },
      channel: 'in_person',
      patron: { ref: '21000000000042' },
      requestedCategories: ['checkouts'],
      identification: [{ kind: 'library_card' }],
    });
    expect(isCaseId(opened.caseId)).toBe(true);
    expect(opened).toMatchObject({ revision: '0', status: 'open' });
    expect(opened.evaluation.route).toBeDefined();

    const [recorded] = await store.readStream(caseStream(opened.caseId));
    expect(recorded.type).toBe('DisclosureRequested');
    expect(recorded.data).not.toContain('21000000000042');
    const patron = (JSON.parse(recorded.data) as DisclosureRequested['data']).patron!;
    expect(protectedFields.keyIdOf(patron.blindIndex, patron.encryptedRef)).toBe(caseKeyId(opened.caseId));
    expect(protectedFields.reveal(patron.blindIndex, patron.encryptedRef)).toBe('21000000000042');
  });
});

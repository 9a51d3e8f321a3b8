import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VENDORS_STREAM, type VendorCommand, vendorDecider } from '@ledger/domain';
import { LedgerIntegrityError, loadLedgerConfig } from '@ledger/ledger';
import { openLedger } from './open-ledger.js';

describe('openLedger: the one way to open the ledger', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'open-ledger-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const director = { userId: 'u-director', role: 'director' as const };
  const approve = (name: string) => (base: { actor: VendorCommand['actor']; occurredAt: string; recordedAt: string }): VendorCommand => ({ type: 'ApproveVendor', vendorId: `v-${name}`, name, service: 'e-books', ...base });

  it('gives a runner that resolves the actor and the instants and writes them into every event\u2019s metadata', async () => {
    const ledger = await openLedger(loadLedgerConfig({ LEDGER_DATA_DIR: dir }), { clock: { now: () => new Date('2026-03-02T10:00:00.000Z') } });
    try {
      await ledger.runners.streams.run({ stream: VENDORS_STREAM, decider: vendorDecider, user: director, occurredAt: '2026-03-02T09:30:00Z', command: approve('Libby') });
      const [recorded] = await ledger.store.readStream(VENDORS_STREAM);
      expect(JSON.parse(recorded.metadata)).toMatchObject({ actor: director, occurredAt: '2026-03-02T09:30:00.000Z', recordedAt: '2026-03-02T10:00:00.000Z' });
      expect(JSON.parse(recorded.data)).toMatchObject({ occurredAt: '2026-03-02T09:30:00.000Z' });
    } finally {
      await ledger.close();
    }
  });

  it('writes through the log\u2019s integrity alarm: once it is raised, nothing is appended', async () => {
    const ledger = await openLedger(loadLedgerConfig({ LEDGER_DATA_DIR: dir }));
    try {
      ledger.log.alarm.raise('a test contradiction');
      await expect(ledger.runners.streams.run({ stream: VENDORS_STREAM, decider: vendorDecider, user: director, command: approve('Hoopla') })).rejects.toBeInstanceOf(LedgerIntegrityError);
      expect(await ledger.store.readStream(VENDORS_STREAM)).toEqual([]);
    } finally {
      await ledger.close();
    }
  });

  it('opens only the parts a caller uses, and closes them', async () => {
    const config = loadLedgerConfig({ LEDGER_DATA_DIR: dir });
    const ledger = await openLedger(config);
    expect(ledger.views).toBeNull();
    await ledger.close();
    expect(existsSync(config.paths.keys)).toBe(false);
    expect(existsSync(config.paths.log)).toBe(false);
    expect(existsSync(config.paths.events)).toBe(true);
  });
});

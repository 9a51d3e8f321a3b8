import { InvalidCommand } from '../shared/errors.js';
import { type AdoptJurisdiction, decideJurisdictionSetting, evolveJurisdictionSetting, initialJurisdictionSetting, type JurisdictionSetting } from './jurisdiction-setting.js';

const adopt = (jurisdiction: string, reason = 'The library moved to Albany'): AdoptJurisdiction => ({
  type: 'AdoptJurisdiction',
  jurisdiction,
  reason,
  adoptedBy: 'cli:operator',
  occurredAt: '2026-03-02T09:00:00.000Z',
});
const after = (...events: ReturnType<typeof decideJurisdictionSetting>): JurisdictionSetting => events.reduce(evolveJurisdictionSetting, initialJurisdictionSetting);

describe('the jurisdiction a ledger is kept under', () => {
  it('given an empty ledger, when a pack is adopted, then it is recorded with its version and no previous pack', () => {
    const events = decideJurisdictionSetting(adopt('us-ny'), initialJurisdictionSetting, null);
    expect(events).toEqual([
      { type: 'JurisdictionAdopted', data: { jurisdiction: 'us-ny', policyVersion: 'us-ny/2024-07-10.1', reason: 'The library moved to Albany', adoptedBy: 'cli:operator', occurredAt: '2026-03-02T09:00:00.000Z' } },
    ]);
    expect(after(...events)).toEqual({ adopted: 'us-ny' });
  });

  it('given a ledger kept under the default pack with nothing recorded, when another is adopted, then the switch names the pack it replaces', () => {
    const [event] = decideJurisdictionSetting(adopt('us-ny'), initialJurisdictionSetting, 'us-ct');
    expect(event.data).toMatchObject({ jurisdiction: 'us-ny', previous: 'us-ct' });
    const [back] = decideJurisdictionSetting(adopt('us-ct'), after(event), 'us-ct');
    expect(back.data).toMatchObject({ jurisdiction: 'us-ct', previous: 'us-ny' });
  });

  it('refuses an unknown pack, a switch without a reason, and adopting the pack already on record', () => {
    expect(() => decideJurisdictionSetting(adopt('us-ca'), initialJurisdictionSetting, null)).toThrow(new InvalidCommand('jurisdiction must be one of us-ct, us-ny, not "us-ca"', 'jurisdiction'));
    expect(() => decideJurisdictionSetting(adopt('us-ny', '  '), initialJurisdictionSetting, null)).toThrow('reason is required');
    expect(() => decideJurisdictionSetting(adopt('us-ct'), initialJurisdictionSetting, 'us-ct')).toThrow('already kept under us-ct');
    expect(() => decideJurisdictionSetting(adopt('us-ny'), { adopted: 'us-ny' }, 'us-ct')).toThrow('already kept under us-ny');
  });
});

import { DEFAULT_JURISDICTION, type Role, rosterDecider } from '@ledger/domain';
import type { LedgerConfig } from '@ledger/ledger';
import { ActorResolver, type DesigneeRoster } from '@ledger/runtime';
import { DirectorPowers } from './director-powers.js';

const roster = {
  roster: async () =>
    rosterDecider.evolve(rosterDecider.initialState, {
      type: 'DesigneeAppointed',
      data: { appointmentId: 'a-1', userId: 'u-designee', from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z', occurredAt: '2026-02-28T09:00:00.000Z', by: 'u-director' },
    }),
} as unknown as DesigneeRoster;
const user = (userId: string, role: Role) => ({ userId, role, name: userId, tokenId: 't' });
const clock = { now: () => new Date('2026-03-02T09:00:00.000Z') };

describe("the director's powers", () => {
  const powers = new DirectorPowers(new ActorResolver(roster, clock), { jurisdiction: DEFAULT_JURISDICTION } as LedgerConfig);

  it('are held by the director and by staff who are active designees now', async () => {
    expect(await powers.held(user('u-director', 'director'))).toBe(true);
    expect(await powers.held(user('u-designee', 'staff'))).toBe(true);
    await expect(powers.assert(user('u-designee', 'staff'))).resolves.toBeUndefined();
  });

  it('are not held by other staff, counsel or auditors: 403 LE-DIRECTOR-ONLY', async () => {
    for (const who of [user('u-staff', 'staff'), user('u-designee', 'counsel'), user('u-auditor', 'auditor')]) {
      expect(await powers.held(who)).toBe(false);
    }
    await expect(powers.assert(user('u-staff', 'staff'))).rejects.toMatchObject({ kind: 'forbidden', rule: 'LE-DIRECTOR-ONLY' });
  });
});

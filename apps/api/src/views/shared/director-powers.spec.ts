import type { Role } from '@ledger/domain';
import type { DesigneeRoster } from '../../auth/designee-roster.js';
import { DirectorPowers } from './director-powers.js';

const roster = (active: string[]) =>
  ({ appointmentOf: async (userId: string) => ({ active: active.includes(userId), from: null, to: null }) }) as unknown as DesigneeRoster;
const user = (userId: string, role: Role) => ({ userId, role, name: userId, tokenId: 't' });
const clock = { now: () => new Date('2026-03-02T09:00:00.000Z') };

describe("the director's powers", () => {
  const powers = new DirectorPowers(roster(['u-designee']), clock);

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

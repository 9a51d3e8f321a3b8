import { rosterDecider, type RosterEvent } from '@ledger/domain';
import { ActorResolver } from './actor-resolver.js';
import type { DesigneeRoster } from './designee-roster.js';

const appointed: RosterEvent = {
  type: 'DesigneeAppointed',
  data: { appointmentId: 'a-1', userId: 'u-deputy', from: '2026-03-01T00:00:00.000Z', to: '2026-03-10T00:00:00.000Z', occurredAt: '2026-02-28T09:00:00.000Z', by: 'u-director' },
};
const rosterOf = (...events: RosterEvent[]) =>
  ({ roster: async () => events.reduce(rosterDecider.evolve, rosterDecider.initialState) }) as unknown as DesigneeRoster;
const at = (iso: string) => ({ now: () => new Date(iso) });
const deputy = { userId: 'u-deputy', role: 'staff' as const };

describe('ActorResolver: designee powers by one rule', () => {
  const resolver = new ActorResolver(rosterOf(appointed), at('2026-03-05T12:00:00.000Z'));

  it('gives a staff member the powers when the appointment is active both when it happened and when it is recorded', async () => {
    expect(await resolver.actorAt(deputy, '2026-03-02T10:00:00.000Z', '2026-03-05T12:00:00.000Z')).toEqual({ ...deputy, isActiveDesignee: true });
    expect((await resolver.actorNow(deputy)).isActiveDesignee).toBe(true);
  });

  it('refuses them when either instant lies outside the appointment: no back-dating into it, no use after it', async () => {
    expect((await resolver.actorAt(deputy, '2026-02-27T10:00:00.000Z', '2026-03-05T12:00:00.000Z')).isActiveDesignee).toBe(false);
    expect((await resolver.actorAt(deputy, '2026-03-09T10:00:00.000Z', '2026-03-11T12:00:00.000Z')).isActiveDesignee).toBe(false);
    expect((await new ActorResolver(rosterOf(appointed), at('2026-03-10T00:00:00.000Z')).actorNow(deputy)).isActiveDesignee).toBe(false);
  });

  it('never gives them to anyone but staff', async () => {
    for (const role of ['director', 'counsel', 'auditor', 'admin'] as const) {
      expect(await resolver.actorAt({ userId: 'u-deputy', role }, '2026-03-02T10:00:00.000Z', '2026-03-05T12:00:00.000Z')).toEqual({ userId: 'u-deputy', role, isActiveDesignee: false });
    }
  });
});

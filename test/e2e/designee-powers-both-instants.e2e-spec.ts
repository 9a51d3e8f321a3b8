import { type LedgerAppHarness, startLedgerApp, TestClock } from '../support/ledger-app.harness.js';
import { bearer, expectStatus, lawEnforcementCaseBody } from '../support/http-flows.js';

type User = { userId: string; token: string };

/*
 * Issue 14 point 4: a staff member holds the director's powers only if their appointment is active
 * both when the thing happened (`occurredAt`) and when the ledger records it. An appointment ended at
 * 10:00 does not come back for an act back-dated to 09:30 and recorded at 10:05 — which a rule that
 * looks at `occurredAt` alone would allow. Through the real command path, at the front desk (a
 * refusal, a search warrant) and on the director's path (a policy explanation).
 */
describe('designee powers need the appointment active when it happened and when it is recorded', () => {
  const clock = new TestClock(new Date('2026-04-01T09:00:00.000Z'));
  const APPOINTED_FROM = '2026-04-01T08:00:00.000Z';
  const ENDED_AT = '2026-04-01T10:00:00.000Z';
  const RECORDED_AT = '2026-04-01T10:05:00.000Z';
  /** Inside both appointments, before the one was ended. */
  const BACKDATED = '2026-04-01T09:30:00.000Z';

  let ledger: LedgerAppHarness;
  let staff: User;
  let director: User;
  /** Appointed 08:00, still serving. */
  let serving: User;
  /** Appointed 08:00, the appointment ended at 10:00. */
  let former: User;
  const cases: Record<'servingRefuses' | 'servingExplains' | 'servingWarrant' | 'formerRefuses' | 'formerExplains' | 'formerWarrant', string> = {} as never;

  const act = (user: User, caseId: string, path: string, body: Record<string, unknown>) =>
    ledger.http.post(`/v1/cases/${caseId}/${path}`).set(bearer(user.token)).send({ ...body, occurredAt: BACKDATED });
  const read = async (caseId: string) => expectStatus(ledger.http.get(`/v1/cases/${caseId}`).set(bearer(director.token)), 200);
  const searchWarrant = {
    type: 'search_warrant',
    issuedBy: 'Superior Court, Hartford J.D.',
    servedAt: BACKDATED,
    scope: { categories: ['circulation_history'] },
    nondisclosureOrder: false,
  };
  const expectDirectorOnly = (response: { status: number; body: Record<string, unknown> }) => {
    expect({ status: response.status, rule: response.body.rule }).toEqual({ status: 403, rule: 'LE-DIRECTOR-ONLY' });
  };

  beforeAll(async () => {
    ledger = await startLedgerApp({ clock });
    staff = await ledger.user('staff', 'Desk Clerk');
    director = await ledger.user('director', 'Dana Director');
    serving = await ledger.user('staff', 'Serving Deputy');
    former = await ledger.user('staff', 'Former Deputy');
    for (const deputy of [serving, former]) {
      await expectStatus(
        ledger.http.post('/v1/designees').set(bearer(director.token)).send({ userId: deputy.userId, from: APPOINTED_FROM, to: '2026-05-01T00:00:00.000Z' }),
        201,
      );
    }
    // Law-enforcement cases received at 09:00 and referred to the director, one per act below.
    for (const name of Object.keys({ servingRefuses: 0, servingExplains: 0, servingWarrant: 0, formerRefuses: 0, formerExplains: 0, formerWarrant: 0 }) as (keyof typeof cases)[]) {
      const { caseId } = await expectStatus(ledger.http.post('/v1/cases').set(bearer(staff.token)).send(lawEnforcementCaseBody()), 201);
      await expectStatus(ledger.http.post(`/v1/cases/${caseId}/director-referrals`).set(bearer(staff.token)).send({}), 201);
      cases[name] = caseId;
    }
    clock.set(ENDED_AT);
    await expectStatus(ledger.http.delete(`/v1/designees/${former.userId}`).set(bearer(director.token)), 204);
    clock.set(RECORDED_AT);
  }, 120_000);

  afterAll(async () => {
    await ledger?.close();
  });

  it('a deputy still serving may act back-dated inside the appointment: refuse at the desk, explain the policy, record a search warrant with the director’s powers', async () => {
    expect((await expectStatus(act(serving, cases.servingRefuses, 'refusals', { reason: 'No instrument presented' }), 201)).status).toBe('closed');
    expect((await expectStatus(act(serving, cases.servingExplains, 'policy-explanations', { note: 'Explained CGS § 11-25' }), 201)).status).toBe('closed');
    await expectStatus(act(serving, cases.servingWarrant, 'legal-instruments', searchWarrant), 201);
    const [instrument] = (await read(cases.servingWarrant)).instruments;
    expect(instrument).toMatchObject({ type: 'search_warrant', occurredAt: BACKDATED, by: serving.userId });
    expect(instrument).not.toHaveProperty('staffRecorded');
  });

  it('front desk: a former deputy’s refusal of a law-enforcement request, back-dated into the appointment, is 403 and records nothing', async () => {
    const before = await read(cases.formerRefuses);
    expectDirectorOnly(await act(former, cases.formerRefuses, 'refusals', { reason: 'No instrument presented' }));
    const after = await read(cases.formerRefuses);
    expect({ status: after.status, revision: after.revision }).toEqual({ status: 'with_director', revision: before.revision });
  });

  it('director’s path: a former deputy’s policy explanation, back-dated into the appointment, is 403 and records nothing', async () => {
    const before = await read(cases.formerExplains);
    expectDirectorOnly(await act(former, cases.formerExplains, 'policy-explanations', { note: 'Explained CGS § 11-25' }));
    const after = await read(cases.formerExplains);
    expect({ status: after.status, revision: after.revision, outcome: after.outcome }).toEqual({ status: 'with_director', revision: before.revision, outcome: null });
  });

  it('front desk: a search warrant a former deputy records back-dated is recorded as staff’s, for the director to review', async () => {
    await expectStatus(act(former, cases.formerWarrant, 'legal-instruments', searchWarrant), 201);
    const [instrument] = (await read(cases.formerWarrant)).instruments;
    expect(instrument).toMatchObject({ type: 'search_warrant', occurredAt: BACKDATED, by: former.userId, staffRecorded: true });
  });
});

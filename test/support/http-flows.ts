import type { LedgerAppHarness } from './ledger-app.harness.js';

/** Case set-ups over HTTP, shared by the authorization matrix and the hostile-input suites. */
export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export interface Actors {
  readonly staff: { userId: string; token: string };
  readonly otherStaff: { userId: string; token: string };
  readonly director: { userId: string; token: string };
  readonly counsel: { userId: string; token: string };
  readonly otherCounsel: { userId: string; token: string };
  readonly auditor: { userId: string; token: string };
  readonly activeDesignee: { userId: string; token: string };
  readonly expiredDesignee: { userId: string; token: string };
  readonly admin: { userId: string; token: string };
}

export async function makeActors(ledger: LedgerAppHarness): Promise<Actors> {
  const director = await ledger.user('director', 'Dana Director');
  const actors = {
    staff: await ledger.user('staff', 'Sam Opener'),
    otherStaff: await ledger.user('staff', 'Olive Other'),
    director,
    counsel: await ledger.user('counsel', 'Cora Counsel'),
    otherCounsel: await ledger.user('counsel', 'Otto Counsel'),
    auditor: await ledger.user('auditor', 'Audrey Auditor'),
    activeDesignee: await ledger.user('staff', 'Desi Active'),
    expiredDesignee: await ledger.user('staff', 'Exa Expired'),
    admin: { userId: 'admin', token: ledger.adminToken },
  };
  const now = ledger.clock.now().getTime();
  const iso = (offsetHours: number) => new Date(now + offsetHours * 3_600_000).toISOString();
  await expectStatus(
    ledger.http.post('/v1/designees').set(bearer(director.token)).send({ userId: actors.activeDesignee.userId, from: iso(-1), to: iso(24 * 30) }),
    201,
  );
  await expectStatus(
    ledger.http.post('/v1/designees').set(bearer(director.token)).send({ userId: actors.expiredDesignee.userId, from: iso(-48), to: iso(-24) }),
    201,
  );
  return actors;
}

export async function expectStatus(request: PromiseLike<{ status: number; body: unknown }>, status: number): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any -- an HTTP body the test reads field by field
  const response = await request;
  if (response.status !== status) {
    throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

let patronCounter = 0;
export const patronRef = () => `CARD-${Date.now().toString(36)}-${++patronCounter}`;

export function patronCaseBody(ref = patronRef()) {
  return {
    requester: { kind: 'patron', name: 'Pat Patron' },
    channel: 'in_person',
    patron: { ref },
    requestedCategories: ['checkouts', 'holds'],
    identification: [{ kind: 'library_card' }],
  };
}

export function lawEnforcementCaseBody(ref = patronRef()) {
  return {
    requester: { kind: 'law_enforcement', name: 'Det. Lane', agency: 'State Police', badgeNumber: '4411' },
    channel: 'in_person',
    patron: { ref },
    requestedCategories: ['circulation_history', 'address'],
    identification: [{ kind: 'officer_credentials' }],
  };
}

export function instrumentBody(ledger: LedgerAppHarness, type = 'subpoena', nondisclosureOrder = false) {
  const now = ledger.clock.now().getTime();
  return {
    type,
    issuedBy: 'Superior Court, Hartford',
    court: 'Superior Court',
    docketNumber: 'HHD-CR26-0001',
    servedAt: new Date(now - 60_000).toISOString(),
    returnDate: new Date(now + 20 * 86_400_000).toISOString(),
    scope: { categories: ['circulation_history', 'address'] },
    nondisclosureOrder,
  };
}

/** The steps of a law-enforcement case, each returning the case id, so a test can stop at any state. */
export class CaseFlows {
  constructor(
    private readonly ledger: LedgerAppHarness,
    private readonly actors: Actors,
  ) {}

  private post(path: string, token: string, body: object, status = 201) {
    return expectStatus(this.ledger.http.post(path).set(bearer(token)).send(body), status);
  }

  async patronCase(): Promise<string> {
    return (await this.post('/v1/cases', this.actors.staff.token, patronCaseBody())).caseId;
  }

  async lawEnforcementCase(): Promise<string> {
    const caseId = (await this.post('/v1/cases', this.actors.staff.token, lawEnforcementCaseBody())).caseId;
    await this.post(`/v1/cases/${caseId}/director-referrals`, this.actors.staff.token, { note: 'Officer at the desk' });
    return caseId;
  }

  async withInstrument(type = 'subpoena', nondisclosureOrder = false): Promise<string> {
    const caseId = await this.lawEnforcementCase();
    await this.post(`/v1/cases/${caseId}/legal-instruments`, this.actors.director.token, instrumentBody(this.ledger, type, nondisclosureOrder));
    return caseId;
  }

  async referredToCounsel(nondisclosureOrder = false): Promise<string> {
    // A court order: the statute's first door, so the flow can go on to a decision and a production.
    const caseId = await this.withInstrument('court_order', nondisclosureOrder);
    await this.post(`/v1/cases/${caseId}/counsel-referrals`, this.actors.director.token, { counselUserId: this.actors.counsel.userId });
    return caseId;
  }

  async advised(): Promise<string> {
    const caseId = await this.referredToCounsel();
    await this.post(`/v1/cases/${caseId}/counsel-advice`, this.actors.counsel.token, { advice: 'comply_in_part', scope: { categories: ['circulation_history'] } });
    return caseId;
  }

  async decided(): Promise<string> {
    const caseId = await this.advised();
    await this.post(`/v1/cases/${caseId}/release-decisions`, this.actors.director.token, {
      decision: 'release_in_part',
      categories: ['circulation_history'],
      rationale: 'Counsel advises compliance limited to circulation history',
    });
    return caseId;
  }
}

/** What a written consent must carry (CONSENT-PROOF): the signed form's hash and how the patron was identified. */
export const CONSENT_PROOF = { documentSha256: 'ab'.repeat(32), identification: 'photo_id' } as const;

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LedgerAppHarness, startLedgerApp, TestClock } from '../support/ledger-app.harness.js';
import { bearer, expectStatus } from '../support/http-flows.js';
import { enrolledUser, signIn } from '../support/web-session.js';

/**
 * A patron asking about their own records gives their name (and shows an identification whose
 * details name them too). Those words are stored only encrypted under the case's key, like the
 * patron reference: readable by those who may see the patron, gone with the key.
 */
describe("a patron-requester's own name and identification details are stored only encrypted", () => {
  let ledger: LedgerAppHarness;
  const NAME = 'Zelda Quintanilla-Ferro';
  const DETAIL = 'CT-DL-99887766';
  const REF = '21234000555123';
  const clock = new TestClock(new Date());

  beforeAll(async () => {
    ledger = await startLedgerApp({ clock });
  }, 120_000);
  afterAll(async () => {
    await ledger.close();
  });

  /** Every byte of every file of the data dir that holds events or views. */
  const filesHolding = (words: string) =>
    readdirSync(ledger.config.dataDir)
      .filter((file) => /\.db(-wal)?$/.test(file))
      .filter((file) => readFileSync(join(ledger.config.dataDir, file)).includes(Buffer.from(words, 'utf8')));

  it('never reaches events.db in clear; the opener, the director and a full case file read it; an auditor does not; after a shred nobody does', async () => {
    const staff = await enrolledUser(ledger, 'staff', 'Sue Desk');
    const director = await enrolledUser(ledger, 'director', 'Dana Director');
    const auditor = await ledger.user('auditor');
    const opened = await expectStatus(
      ledger.http.post('/v1/cases').set(bearer(staff.token)).send({
        requester: { kind: 'patron', name: NAME },
        channel: 'in_person',
        patron: { ref: REF },
        requestedCategories: ['checkouts', 'address'],
        identification: [{ kind: 'library_card' }, { kind: 'photo_id', detail: DETAIL }],
      }),
      201,
    );
    expect(opened.evaluation.permittedCategories).toEqual(['address', 'checkouts']);
    await ledger.http.get(`/v1/director/cases?minPosition=${opened.position}`).set(bearer(director.token)).expect(200);

    const stored = readFileSync(ledger.config.paths.events);
    expect(stored.includes(Buffer.from('CT-DL-'))).toBe(false);
    expect(filesHolding(NAME)).toEqual([]);
    expect(filesHolding(DETAIL)).toEqual([]);

    for (const reader of [staff, director]) {
      const view = await expectStatus(ledger.http.get(`/v1/cases/${opened.caseId}`).set(bearer(reader.token)), 200);
      expect(view.requester).toEqual({ kind: 'patron', name: NAME });
      expect(view.identification).toEqual([{ kind: 'library_card' }, { kind: 'photo_id', detail: DETAIL }]);
    }
    const pseudonymised = await expectStatus(ledger.http.get(`/v1/cases/${opened.caseId}`).set(bearer(auditor.token)), 200);
    expect(pseudonymised.requester.name).toBeNull();
    expect(JSON.stringify(pseudonymised)).not.toContain(DETAIL);

    const file = await ledger.http.get(`/v1/cases/${opened.caseId}/export?format=json`).set(bearer(director.token)).expect(200);
    expect(file.body.summary.requester).toEqual({ kind: 'patron', name: NAME });
    const opening = file.body.chronology.find((entry: { type: string }) => entry.type === 'DisclosureRequested');
    expect(opening.data.requester.name).toBe(NAME);
    expect(opening.data.identification).toEqual([{ kind: 'library_card' }, { kind: 'photo_id', detail: DETAIL }]);
    expect(opening.data).not.toHaveProperty('protectedWords');
    const auditorFile = await ledger.http.get(`/v1/cases/${opened.caseId}/export?format=json`).set(bearer(auditor.token)).expect(200);
    expect(auditorFile.text).not.toContain(NAME);
    expect(auditorFile.text).not.toContain(DETAIL);

    const { agent } = await signIn(ledger, staff);
    expect((await agent.get(`/cases/${opened.caseId}`).expect(200)).text).toContain(NAME);

    await expectStatus(ledger.http.post(`/v1/cases/${opened.caseId}/releases`).set(bearer(staff.token)).send({ categories: ['checkouts'], method: 'in_person' }), 201);
    // A purge follows the schedule: a patron's own routine case is due 90 days after it closed.
    clock.advanceMinutes(90 * 24 * 60);
    await expectStatus(ledger.http.post('/v1/retention/purges').set(bearer(director.token)).send({ caseId: opened.caseId, reason: 'The patron asked at the desk' }), 201);
    const after = await expectStatus(ledger.http.get(`/v1/cases/${opened.caseId}`).set(bearer(director.token)), 200);
    expect(after.requester).toEqual({ kind: 'patron', name: null });
    expect(after.identification).toEqual([{ kind: 'library_card' }, { kind: 'photo_id' }]);
    const fileAfter = await ledger.http.get(`/v1/cases/${opened.caseId}/export?format=json`).set(bearer(director.token)).expect(200);
    expect(fileAfter.text).not.toContain(NAME);
    expect(fileAfter.text).not.toContain(DETAIL);
    // 90 days on, the web session has long ended: sign in again.
    const { agent: agentAfter } = await signIn(ledger, staff);
    expect((await agentAfter.get(`/cases/${opened.caseId}`).expect(200)).text).not.toContain(NAME);
  }, 120_000);

  it("others' names stay as they were: a family member's name is not the patron's", async () => {
    const staff = await ledger.user('staff');
    const opened = await expectStatus(
      ledger.http.post('/v1/cases').set(bearer(staff.token)).send({
        requester: { kind: 'family_or_friend', name: 'Bram Helper' },
        channel: 'in_person',
        patron: { ref: REF },
        requestedCategories: ['holds'],
        identification: [{ kind: 'library_card' }],
        purpose: 'Picking up holds',
      }),
      201,
    );
    const view = await expectStatus(ledger.http.get(`/v1/cases/${opened.caseId}`).set(bearer(staff.token)), 200);
    expect(view.requester).toEqual({ kind: 'family_or_friend', name: 'Bram Helper' });
  });
});

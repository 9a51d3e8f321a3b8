import type { CaseView } from '../../cases/get-case/case-view.js';
import { GLOSSARY } from '../glossary/glossary.js';
import { adviceScopeChoices, availableActions, type CaseFacts, caseRecordSections, decisionChoices, instrumentsOnRecord, maskedPatronRef, mayDownload, ordersInForce, periodsOnRecord, productionChoices, refusalHref, refusalInWords, type Viewer } from './case-page.model.js';

const leCase = (over: Partial<CaseFacts> = {}): CaseFacts => ({
  kind: 'disclosure_request', status: 'open', sealed: false, requesterKind: 'law_enforcement', route: 'refer_to_director', instrumentCount: 0, counselUserId: null, ...over,
});
const staff: Viewer = { userId: 's1', role: 'staff', isActiveDesignee: false };
const designee: Viewer = { userId: 's2', role: 'staff', isActiveDesignee: true };
const director: Viewer = { userId: 'd1', role: 'director', isActiveDesignee: false };
const counsel: Viewer = { userId: 'c1', role: 'counsel', isActiveDesignee: false };
const auditor: Viewer = { userId: 'a1', role: 'auditor', isActiveDesignee: false };

describe('case page actions', () => {
  it('given a law-enforcement request at the desk, staff are offered only the referral to the Director', () => {
    expect(availableActions(leCase(), staff)).toEqual(['refer-to-director']);
  });

  it('given a patron request staff may release, the desk may release, refuse or refer', () => {
    expect(availableActions(leCase({ requesterKind: 'patron', route: 'staff_may_release' }), staff)).toEqual(['release', 'refuse', 'refer-to-director']);
    expect(availableActions(leCase({ requesterKind: 'other', route: 'deny' }), staff)).toEqual(['refuse', 'refer-to-director']);
  });

  it('given a public-records request for the library’s statistics, the Director (or a designee) answers or refuses it at once; the desk refers it', () => {
    const statistics = leCase({ requesterKind: 'public_records', route: 'refer_to_director', statisticsRequest: true });
    expect(availableActions(statistics, director)).toEqual(['release', 'refuse']);
    expect(availableActions(statistics, designee)).toEqual(['release', 'refuse']);
    expect(availableActions(statistics, staff)).toEqual(['refer-to-director']);
    expect(availableActions({ ...statistics, status: 'with_director' }, director)).toEqual(['release', 'refuse']);
  });

  it('given a law-enforcement case with the Director, the Director or a designee records the instrument or explains the policy; plain staff nothing', () => {
    const withDirector = leCase({ status: 'with_director' });
    expect(availableActions(withDirector, director)).toEqual(['record-instrument', 'explain-policy']);
    expect(availableActions(withDirector, designee)).toEqual(['record-instrument', 'explain-policy']);
    expect(availableActions(withDirector, staff)).toEqual([]);
    expect(availableActions({ ...withDirector, instrumentCount: 1 }, director)).toEqual(['refer-to-counsel', 'record-instrument']);
  });

  it('given a government agency the evaluation sent to the Director as law enforcement (GOVERNMENT-REFER), the same path: no release form', () => {
    const agency = leCase({ status: 'with_director', requesterKind: 'government_agency', route: 'refer_to_director', ruleIds: ['GOVERNMENT-REFER'] });
    expect(availableActions(agency, director)).toEqual(['record-instrument', 'explain-policy']);
    expect(availableActions({ ...agency, ruleIds: [] }, director)).toEqual(['release', 'refuse']);
  });

  it('given a case awaiting counsel, only the referred counsel may advise', () => {
    const awaiting = leCase({ status: 'awaiting_counsel', counselUserId: 'c1', instrumentCount: 1 });
    expect(availableActions(awaiting, counsel)).toEqual(['advise']);
    expect(availableActions(awaiting, { ...counsel, userId: 'c2' })).toEqual([]);
    expect(availableActions(awaiting, director)).toEqual(['record-instrument']);
  });

  it('then the Director decides and produces; a sealed case adds need-to-know for the Director alone; auditors act on nothing', () => {
    expect(availableActions(leCase({ status: 'awaiting_decision' }), director)).toEqual(['decide', 'record-instrument']);
    expect(availableActions(leCase({ status: 'decided', sealed: true }), director)).toEqual(['produce', 'grant-need-to-know', 'end-nondisclosure']);
    expect(availableActions(leCase({ status: 'decided', sealed: true }), designee)).toEqual(['produce', 'end-nondisclosure']);
    expect(availableActions(leCase({ status: 'decided' }), auditor)).toEqual([]);
    expect(availableActions(leCase({ status: 'closed' }), director)).toEqual([]);
  });

  it('a non-disclosure order: its end is offered on a sealed case, whatever the status, to the Director, a designee and the referred counsel; the notice once it is due', () => {
    const sealed = leCase({ status: 'closed', sealed: true, counselUserId: 'c1' });
    expect(availableActions(sealed, director)).toEqual(['grant-need-to-know', 'end-nondisclosure']);
    expect(availableActions(sealed, designee)).toEqual(['end-nondisclosure']);
    expect(availableActions(sealed, counsel)).toEqual(['end-nondisclosure']);
    expect(availableActions(sealed, staff)).toEqual([]);
    expect(availableActions(sealed, { ...counsel, userId: 'c2' })).toEqual([]);
    const aboutComputer = leCase({ status: 'with_director', aboutSubject: true });
    expect(availableActions(aboutComputer, director)).toEqual(['record-instrument', 'explain-policy', 'attach-patrons']);
    expect(availableActions(aboutComputer, staff)).toEqual([]);
    expect(availableActions({ ...aboutComputer, status: 'closed' }, director)).toEqual([]);
    const due = leCase({ status: 'closed', patronNoticeDue: true });
    expect(availableActions(due, director)).toEqual(['record-patron-notice']);
    expect(availableActions(due, staff)).toEqual([]);
  });

  it('downloads: the Director, designees, the referred counsel and auditors; not the desk', () => {
    const facts = leCase({ counselUserId: 'c1' });
    expect([director, designee, counsel, auditor].map((viewer) => mayDownload(facts, viewer))).toEqual([true, true, true, true]);
    expect(mayDownload(facts, staff)).toBe(false);
    expect(mayDownload(facts, { ...counsel, userId: 'c2' })).toBe(false);
  });
});

describe('the case as the page tells it', () => {
  const names: Record<string, string> = { d1: 'Dana Director', c1: 'Cora Counsel', s1: 'Sam Desk' };
  const nameOf = (userId: string) => names[userId] ?? 'A former user';
  const view = {
    caseId: 'c-1', kind: 'disclosure_request', status: 'closed', outcome: 'released_in_part', sealed: false, receivedAt: '2026-01-05T09:00:00.000Z', openedBy: 's1',
    requester: { kind: 'law_enforcement', name: 'Det. Rowan Hale', agency: 'Hartford Police Department' }, channel: 'in_person',
    patron: { pseudonym: 'P-1', isMinor: false, ref: 'P-0042-7731' }, requestedCategories: ['circulation_history'], identification: [{ kind: 'officer_credentials' }],
    purpose: null, wellness: null, releasedCategories: ['circulation_history'], releases: [], refusal: null, policyExplanation: null,
    instruments: [
      { instrumentId: 'i1', type: 'subpoena', issuedBy: 'Superior Court, Hartford', court: 'Superior Court', docketNumber: 'HHD-CR26-0001', servedAt: '2026-01-05T10:00:00.000Z', returnDate: '2026-01-25T16:00:00.000Z', scope: { categories: ['circulation_history'] }, nondisclosureOrder: false, occurredAt: '2026-01-05T10:05:00.000Z', by: 'd1' },
      { instrumentId: 'i2', type: 'court_order', issuedBy: 'Superior Court, Hartford', servedAt: '2026-01-06T09:00:00.000Z', scope: { categories: ['circulation_history'], from: '2025-01-01T00:00:00.000Z', to: '2025-07-01T00:00:00.000Z' }, nondisclosureOrder: true, occurredAt: '2026-01-06T09:05:00.000Z', by: 'd1' },
    ],
    deadlines: [{ instrumentId: 'i1', instrumentType: 'subpoena', kind: 'objection_date', dueAt: '2026-01-19T10:00:00.000Z', objectionFiledAt: null, clockStopped: false }],
    counselUserId: 'c1',
    counselReferral: { occurredAt: '2026-01-05T11:00:00.000Z', by: 'd1', counselUserId: 'c1', note: 'Return date is tight; please look today.' },
    advice: { occurredAt: '2026-01-05T15:00:00.000Z', by: 'c1', counselUserId: 'c1', advice: 'comply_in_part', scope: { categories: ['circulation_history'] }, notes: 'The subpoena alone does not satisfy CGS § 11-25;\ncomply once a court order is served.', permitsCategories: ['circulation_history'] },
    decision: { occurredAt: '2026-01-06T10:00:00.000Z', by: 'd1', decision: 'release_in_part', categories: ['circulation_history'], rationale: 'Only the months the order names.', decidedBy: 'd1' },
    nondisclosureEnds: [], unsealedAt: null, patronNotices: [],
    productions: [{ occurredAt: '2026-01-06T11:00:00.000Z', by: 'd1', categories: ['circulation_history'], recipient: 'Det. Rowan Hale', method: 'in_person', recordsFrom: '2025-01-01T00:00:00.000Z', recordsTo: '2025-07-01T00:00:00.000Z' }],
  } as unknown as CaseView;
  const sections = caseRecordSections(view, nameOf);
  const rows = (id: string) => Object.fromEntries(sections.find((section) => section.id === id)!.rows.map((r) => [r.key, r.value]));

  it('an answer to a public-records request for statistics names the published report given, where anyone reads it', () => {
    const answered = { ...view, productions: [], releases: [{ occurredAt: '2026-01-07T10:00:00.000Z', by: 'd1', categories: ['statistics'], method: 'email', transparencyReportId: 'r-1' }] } as unknown as CaseView;
    const release = caseRecordSections(answered, nameOf).find((section) => section.id === 'release-1')!;
    expect(Object.fromEntries(release.rows.map((r) => [r.key, r.value]))).toMatchObject({ How: 'By email', 'Transparency report given': '/transparency/r-1' });
    expect(rows('production-1')['Transparency report given']).toBeUndefined();
  });

  it('masks the patron number on paper to its last four characters unless asked, and a short one entirely', () => {
    const printed = Object.fromEntries(caseRecordSections(view, nameOf, { maskPatronRef: true })[0].rows.map((r) => [r.key, r.value]));
    expect(printed.Patron).toBe('•••• 7731 (masked)');
    expect(printed.Patron).not.toContain('0042');
    expect(rows('request').Patron).toBe('P-0042-7731');
    expect(maskedPatronRef('12345')).toBe('•••• (masked)');
    // The case page shows the number in full and masks it on paper (its own Print); the print page asked for it in full keeps it.
    const patronRow = (options: Parameters<typeof caseRecordSections>[2]) => caseRecordSections(view, nameOf, options)[0].rows.find((r) => r.key === 'Patron');
    expect(patronRow({ maskPatronRefOnPaper: true })).toEqual({ key: 'Patron', value: 'P-0042-7731', printed: '•••• 7731 (masked)' });
    expect(patronRow({})).toEqual({ key: 'Patron', value: 'P-0042-7731' });
  });

  it('gives the request, each instrument, the referral, the advice, the decision and the production, in that order', () => {
    expect(sections.map((section) => section.heading)).toEqual([
      'The request',
      'Legal instrument 1 of 2: Subpoena',
      'Legal instrument 2 of 2: Court order',
      'Referral to counsel',
      'Counsel’s advice',
      'The Director’s decision',
      'Production',
    ]);
  });

  it('names every fact of an instrument the Director and counsel decide by, the deadlines included', () => {
    expect(rows('instrument-1')).toEqual({
      Type: 'Subpoena',
      'Issued by': 'Superior Court, Hartford',
      Court: 'Superior Court',
      'Docket number': 'HHD-CR26-0001',
      'Served on the library': '5 Jan 2026, 10:00 UTC',
      'Return date': '25 Jan 2026, 16:00 UTC',
      'Last day to object': '19 Jan 2026, 10:00 UTC',
      'What it demands': 'Borrowing history',
      'Non-disclosure (gag) order': 'No',
      Recorded: '5 Jan 2026, 10:05 UTC by Dana Director',
    });
    expect(rows('instrument-2')).toMatchObject({
      'Return date': 'None given',
      'What it demands': 'Borrowing history, records from 1 Jan 2025, 00:00 UTC to 1 Jul 2025, 00:00 UTC',
      'Non-disclosure (gag) order': 'Yes: the case is sealed',
    });
    const ended = caseRecordSections({ ...view, nondisclosureEnds: [{ instrumentId: 'i2', endedAt: '2026-02-01T09:00:00.000Z', how: 'lifted_by_court' }] }, nameOf);
    expect(ended.find((section) => section.id === 'instrument-2')!.rows).toContainEqual({ key: 'Non-disclosure (gag) order', value: 'Ended 1 Feb 2026, 09:00 UTC: a court lifted the order', keyTerm: 'non-disclosure-order' });
    expect(ordersInForce(view)).toEqual([{ instrumentId: 'i2', words: 'Court order from Superior Court, Hartford, served 6 Jan 2026, 09:00 UTC' }]);
  });

  it('links the words a reader may not know to the glossary: each instrument type, its deadlines, a gag order, counsel', () => {
    const linked = (id: string) => Object.fromEntries(sections.find((section) => section.id === id)!.rows.flatMap((r) => [...(r.keyTerm ? [[r.key, r.keyTerm]] : []), ...(r.valueTerm ? [[r.value, r.valueTerm]] : [])]));
    expect(linked('instrument-1')).toEqual({ Subpoena: 'subpoena', 'Return date': 'deadline', 'Last day to object': 'deadline', 'Non-disclosure (gag) order': 'non-disclosure-order' });
    expect(linked('instrument-2')).toMatchObject({ 'Court order': 'court-order' });
    expect(linked('referral')).toEqual({ Counsel: 'counsel' });
    const entries = new Set(GLOSSARY.map((term) => term.id));
    const terms = sections.flatMap((section) => section.rows.flatMap((r) => [r.keyTerm, r.valueTerm])).filter((term) => term !== undefined);
    expect(terms.filter((term) => !entries.has(term))).toEqual([]);
  });

  it('gives the Director’s note, counsel’s notes and the rationale in full, and the period of the records produced', () => {
    expect(rows('referral')).toMatchObject({ Counsel: 'Cora Counsel', 'Note from the Director': 'Return date is tight; please look today.' });
    expect(rows('advice')).toMatchObject({ Advice: 'Comply in part', Notes: 'The subpoena alone does not satisfy CGS § 11-25;\ncomply once a court order is served.' });
    expect(rows('decision')).toEqual({ Decision: 'Release in part', 'To release': 'Borrowing history', Rationale: 'Only the months the order names.', Decided: '6 Jan 2026, 10:00 UTC by Dana Director' });
    expect(rows('production-1')).toMatchObject({ Records: 'Borrowing history, records from 1 Jan 2025, 00:00 UTC to 1 Jul 2025, 00:00 UTC', 'Given to': 'Det. Rowan Hale', How: 'In person' });
  });

  it('a request about a resource shows what it is about and counts the patrons identified, naming no single patron', () => {
    const about = { ...view, patron: null, subject: { kind: 'resource', description: 'Public computer 4', from: '2026-01-05T15:00:00.000Z', to: '2026-01-05T16:00:00.000Z' }, attachedPatrons: [] } as unknown as CaseView;
    expect(Object.fromEntries(caseRecordSections(about, nameOf)[0].rows.map((r) => [r.key, r.value]))).toMatchObject({
      About: 'A resource: Public computer 4, 5 Jan 2026, 15:00 UTC to 5 Jan 2026, 16:00 UTC',
      'Patrons identified': 'None yet',
    });
    const found = { ...about, attachedPatrons: [{ pseudonym: 'P-1', isMinor: false, ref: 'CARD-1' }, { pseudonym: 'P-2', isMinor: false }] } as unknown as CaseView;
    const rows = Object.fromEntries(caseRecordSections(found, nameOf)[0].rows.map((r) => [r.key, r.value]));
    expect(rows['Patrons identified']).toBe('2: CARD-1; Pseudonym P-2');
    expect(rows).not.toHaveProperty('Patron');
  });

  it('speaks words, never the vocabulary’s codes or user ids', () => {
    const text = sections.flatMap((section) => [section.heading, ...section.rows.flatMap((r) => [r.key, r.value])]).join('\n');
    expect(text).not.toMatch(/\b[a-z]+_[a-z_]+\b|\b[cds]1\b/);
  });

  it('tells the form that records an instrument which ones are already on the case', () => {
    expect(instrumentsOnRecord(view)).toEqual([
      'Subpoena from Superior Court, Hartford (docket HHD-CR26-0001), served 5 Jan 2026, 10:00 UTC',
      'Court order from Superior Court, Hartford, served 6 Jan 2026, 09:00 UTC',
    ]);
  });
});

describe('what the decision and advice forms offer', () => {
  const instrument = (type: string, categories: string[]) => ({ instrumentId: type, type, issuedBy: 'Court', servedAt: '2026-01-05T10:00:00.000Z', scope: { categories }, nondisclosureOrder: false, occurredAt: '2026-01-05T10:00:00.000Z', by: 'd1' });
  const caseWith = (instruments: object[], advice: string, permitsCategories: string[]) =>
    ({ instruments, advice: { occurredAt: '2026-01-05T12:00:00.000Z', counselUserId: 'c1', advice, permitsCategories } }) as unknown as CaseView;

  it('with only a subpoena, says before the decision that a court order or warrant is missing, citing the statute', () => {
    const choices = decisionChoices(caseWith([instrument('subpoena', ['circulation_history'])], 'comply', ['circulation_history']));
    expect(choices.inset).toEqual({ text: expect.stringMatching(/^No court order or search warrant is recorded: record one, or deny\./), citation: expect.stringContaining('CGS § 11-25(b)(2)') });
    // The patron's written permission is the statute's other door, which the page cannot see: release stays offered, explained.
    expect(choices.decisions).toEqual(['release', 'release_in_part', 'deny']);
  });

  it('with a court order, offers every decision and only the categories the advice permits within the instruments', () => {
    const choices = decisionChoices(caseWith([instrument('subpoena', ['name']), instrument('court_order', ['circulation_history', 'holds'])], 'comply_in_part', ['circulation_history', 'address']));
    expect(choices).toEqual({ inset: null, decisions: ['release', 'release_in_part', 'deny'], categories: ['circulation_history'] });
  });

  it('a national security letter alone, or advice against release, leaves only a denial, and says why', () => {
    const nsl = decisionChoices(caseWith([instrument('national_security_letter', ['name'])], 'comply', ['name']));
    expect(nsl).toMatchObject({ decisions: ['deny'], categories: [], inset: { citation: expect.stringContaining('2709(f)') } });
    const provider = { ...caseWith([instrument('national_security_letter', ['name'])], 'comply', ['name']) } as { advice: object };
    provider.advice = { ...provider.advice, providesCommunicationService: true };
    expect(decisionChoices(provider as unknown as CaseView).decisions).toEqual(['release', 'release_in_part', 'deny']);
    const against = decisionChoices(caseWith([instrument('court_order', ['name'])], 'move_to_quash', []));
    expect(against).toMatchObject({ decisions: ['deny'], inset: { text: expect.stringContaining('Counsel advised “move to quash”') } });
  });

  it('counsel chooses the scope among what the instruments demand, in the vocabulary’s order', () => {
    expect(adviceScopeChoices(caseWith([instrument('subpoena', ['holds', 'name']), instrument('court_order', ['name', 'circulation_history'])], 'comply', []))).toEqual(['name', 'holds', 'circulation_history']);
  });

  it('a production offers what the Director decided, within the instruments and the advice, never the rest of the request', () => {
    const decided = { ...caseWith([instrument('subpoena', ['address', 'circulation_history']), instrument('court_order', ['circulation_history'])], 'comply', ['address', 'circulation_history']), requestedCategories: ['circulation_history', 'address'], decision: { decision: 'release_in_part', categories: ['circulation_history'] } };
    expect(productionChoices(decided as unknown as CaseView)).toEqual(['circulation_history']);
    expect(productionChoices(caseWith([instrument('court_order', ['name'])], 'comply', ['name']))).toEqual([]);
  });

  it('names the periods instruments limit the records to, as whole days, and sends a refusal about the period to it', () => {
    const dated = { instruments: [instrument('court_order', ['name']), { ...instrument('court_order', ['name']), scope: { categories: ['name'], from: '2026-01-01T05:00:00.000Z', to: '2026-07-01T04:00:00.000Z' } }] } as unknown as CaseView;
    expect(periodsOnRecord(dated, (iso) => iso.slice(0, 10))).toEqual(['2026-01-01 to 2026-07-01']);
    expect(periodsOnRecord(dated, (iso) => new Date(iso).toISOString().slice(0, 13))).toEqual(['2026-01-01T05 to 2026-07-01T03']);
    const period = refusalInWords({ message: 'an instrument on record limits its scope to a period: state recordsFrom and recordsTo', rule: 'LE-SCOPE' });
    expect(period).toMatchObject({ field: 'recordsFrom', message: expect.stringMatching(/^Enter the period of the records/), detail: expect.stringContaining('recordsFrom') });
    expect(refusalInWords({ message: 'outside instrument ∩ advice: address', rule: 'LE-SCOPE' })).toMatchObject({ message: expect.stringMatching(/^Select only categories/) });
    expect(refusalInWords({ message: 'Unchanged', rule: 'NO-SUCH-RULE' })).toEqual({ message: 'Unchanged', rule: 'NO-SUCH-RULE' });
  });

  it('a refusal links to the field it is about', () => {
    expect(refusalHref('decide', { rule: 'LE-SCOPE' })).toBe('#decide-categories');
    expect(refusalHref('decide', { rule: 'LE-STATUTE-COURT-ORDER' })).toBe('#decide-decision');
    expect(refusalHref('advise', { field: 'scope.categories' })).toBe('#advise-scope-categories');
    expect(refusalHref('produce', { rule: 'LE-SCOPE' })).toBe('#produce-form');
  });
});

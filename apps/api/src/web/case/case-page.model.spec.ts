import { availableActions, type CaseFacts, mayDownload, type Viewer } from './case-page.model.js';

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

  it('given a law-enforcement case with the Director, the Director or a designee records the instrument or explains the policy; plain staff nothing', () => {
    const withDirector = leCase({ status: 'with_director' });
    expect(availableActions(withDirector, director)).toEqual(['record-instrument', 'explain-policy']);
    expect(availableActions(withDirector, designee)).toEqual(['record-instrument', 'explain-policy']);
    expect(availableActions(withDirector, staff)).toEqual([]);
    expect(availableActions({ ...withDirector, instrumentCount: 1 }, director)).toEqual(['refer-to-counsel', 'record-instrument']);
  });

  it('given a case awaiting counsel, only the referred counsel may advise', () => {
    const awaiting = leCase({ status: 'awaiting_counsel', counselUserId: 'c1', instrumentCount: 1 });
    expect(availableActions(awaiting, counsel)).toEqual(['advise']);
    expect(availableActions(awaiting, { ...counsel, userId: 'c2' })).toEqual([]);
    expect(availableActions(awaiting, director)).toEqual(['record-instrument']);
  });

  it('then the Director decides and produces; a sealed case adds need-to-know for the Director alone; auditors act on nothing', () => {
    expect(availableActions(leCase({ status: 'awaiting_decision' }), director)).toEqual(['decide', 'record-instrument']);
    expect(availableActions(leCase({ status: 'decided', sealed: true }), director)).toEqual(['produce', 'grant-need-to-know']);
    expect(availableActions(leCase({ status: 'decided', sealed: true }), designee)).toEqual(['produce']);
    expect(availableActions(leCase({ status: 'decided' }), auditor)).toEqual([]);
    expect(availableActions(leCase({ status: 'closed' }), director)).toEqual([]);
  });

  it('downloads: the Director, designees, the referred counsel and auditors; not the desk', () => {
    const facts = leCase({ counselUserId: 'c1' });
    expect([director, designee, counsel, auditor].map((viewer) => mayDownload(facts, viewer))).toEqual([true, true, true, true]);
    expect(mayDownload(facts, staff)).toBe(false);
    expect(mayDownload(facts, { ...counsel, userId: 'c2' })).toBe(false);
  });
});

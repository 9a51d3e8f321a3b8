import { DRAFT_LIFE_MS, WebDrafts } from './web-drafts.js';
import { SESSION_IDLE_MS, WebSessionStore } from './web-session.store.js';

describe('drafts kept when a session ends mid-form', () => {
  let now: number;
  const clock = { now: () => new Date(now) };
  beforeEach(() => {
    now = Date.parse('2026-03-01T09:00:00Z');
  });
  const typed = { _csrf: 'token', _page: '/desk', 'requester.name': 'Det. Hale', requestedCategories: ['name', 'checkouts'] };

  it('given a form kept for a user, then that user’s page has it back, without the token, and nobody else’s does', () => {
    const drafts = new WebDrafts(clock);
    drafts.keep('u1', '/desk', '/desk', typed);
    expect(drafts.forPage('u1', '/desk')).toMatchObject({ action: '/desk', fields: { 'requester.name': 'Det. Hale', requestedCategories: ['name', 'checkouts'] } });
    expect(drafts.forPage('u1', '/desk')!.fields).not.toHaveProperty('_csrf');
    expect(drafts.forPage('u2', '/desk')).toBeNull();
    expect(drafts.latestPageOf('u1')).toBe('/desk');
    expect(drafts.latestPageOf('u2')).toBeNull();
  });

  it('given a draft, when half an hour has passed, then it is gone', () => {
    const drafts = new WebDrafts(clock);
    drafts.keep('u1', '/desk', '/desk', typed);
    now += DRAFT_LIFE_MS - 1;
    expect(drafts.forPage('u1', '/desk')).not.toBeNull();
    now += 1;
    expect(drafts.forPage('u1', '/desk')).toBeNull();
    expect(drafts.latestPageOf('u1')).toBeNull();
  });

  it('given a draft, when its form is sent or the user signs out on purpose, then it is dropped', () => {
    const drafts = new WebDrafts(clock);
    drafts.keep('u1', '/cases/c1', '/cases/c1/decision', typed);
    drafts.sent('u1', '/cases/c1/other');
    expect(drafts.forPage('u1', '/cases/c1')).not.toBeNull();
    drafts.sent('u1', '/cases/c1/decision');
    expect(drafts.forPage('u1', '/cases/c1')).toBeNull();
    drafts.keep('u1', '/desk', '/desk', typed);
    drafts.forget('u1');
    expect(drafts.forPage('u1', '/desk')).toBeNull();
  });

  it('keeps nothing that could send the user to another site, and nothing empty', () => {
    const drafts = new WebDrafts(clock);
    drafts.keep('u1', '//evil.example/desk', '/desk', typed);
    drafts.keep('u1', 'https://evil.example/', '/desk', typed);
    drafts.keep('u1', '/desk', '/desk', { _csrf: 'token' });
    expect(drafts.latestPageOf('u1')).toBeNull();
  });

  it('a session that ran out names its user for half an hour (to keep a form posted after it); one signed out names nobody', () => {
    const sessions = new WebSessionStore(clock, { sessionIdleMinutes: 30 });
    const user = { userId: 'u1', name: 'Ada', role: 'staff' as const, passwordSetAt: null };
    const lapsing = sessions.start(user);
    const leaving = sessions.start(user);
    sessions.end(leaving);
    now += SESSION_IDLE_MS;
    expect(sessions.resume(lapsing)).toBeNull();
    expect(sessions.lapsedUserOf(lapsing)).toBe('u1');
    expect(sessions.lapsedUserOf(leaving)).toBeNull();
    now += 30 * 60_000;
    expect(sessions.lapsedUserOf(lapsing)).toBeNull();
  });
});

import {
  dailyDigest,
  decideMailOutbox,
  evolveMailOutbox,
  initialMailOutboxState,
  libraryDaysUntil,
  MAIL_MAX_ATTEMPTS,
  mailContent,
  mailMessageId,
  mailRetryDelayMs,
  MailNotDue,
  type MailOutboxState,
  notificationChoices,
  notificationPreferencesDecider,
  receivesMail,
  reminderMarkDue,
  remindersDue,
  type QueuedMail,
} from '../index.js';
import type { MailOutboxCommand } from '../index.js';

const NY = 'America/New_York';
const CASE = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';

/** The state after the command's events (when it records any). */
function apply(state: MailOutboxState, command: MailOutboxCommand): MailOutboxState {
  return decideMailOutbox(command, state).reduce(evolveMailOutbox, state);
}
const referral = (recipient: string): QueuedMail => ({ kind: 'law_enforcement_referral', cause: 'event:e-1', caseId: CASE, messageId: mailMessageId('event:e-1', recipient), recipientUserId: recipient });

describe('reminders before a deadline, on the library\'s calendar', () => {
  it('counts calendar days where the library is, not 24-hour spans in UTC', () => {
    // 23:30 in New York on 1 March is already 2 March in UTC; the deadline is 9:00 on 4 March in New York.
    expect(libraryDaysUntil('2026-03-02T04:30:00Z', '2026-03-04T14:00:00Z', NY)).toBe(3);
    expect(libraryDaysUntil('2026-03-02T04:30:00Z', '2026-03-04T14:00:00Z', 'UTC')).toBe(2);
  });

  it('is due 7, 3 and 1 days before, each mark from its day until the next, and never on or after the day', () => {
    const due = '2026-03-20T14:00:00Z';
    const at = (day: string) => reminderMarkDue(`${day}T15:00:00Z`, due, NY);
    expect(at('2026-03-12')).toBeNull(); // eight days before
    expect([at('2026-03-13'), at('2026-03-16')]).toEqual([7, 7]);
    expect([at('2026-03-17'), at('2026-03-18')]).toEqual([3, 3]);
    expect(at('2026-03-19')).toBe(1);
    expect([at('2026-03-20'), at('2026-03-25')]).toEqual([null, null]);
  });

  it('names each reminder by its deadline and mark, so a mark is queued once however often it is looked at', () => {
    const deadlines = [{ caseId: CASE, sourceId: 'i-1', what: 'return_date' as const, dueAt: '2026-03-20T14:00:00Z' }, { caseId: 'inc-1', sourceId: 'breach', what: 'breach_notice' as const, dueAt: '2026-03-30T14:00:00Z' }];
    const morning = remindersDue(deadlines, '2026-03-17T13:00:00Z', NY);
    const evening = remindersDue(deadlines, '2026-03-17T22:00:00Z', NY);
    expect(morning).toEqual([{ kind: 'deadline_reminder', cause: `reminder:${CASE}:i-1:return_date:3d`, caseId: CASE, dueAt: '2026-03-20T14:00:00Z', daysBefore: 3 }]);
    expect(evening).toEqual(morning);
    expect(remindersDue(deadlines, '2026-03-29T13:00:00Z', NY)).toEqual([expect.objectContaining({ kind: 'breach_notice_reminder', daysBefore: 1, cause: 'reminder:inc-1:breach:breach_notice:1d' })]);
  });

  it('makes one digest per library day of what falls due in the coming week, in the library\'s morning', () => {
    const deadlines = [
      { caseId: 'b', sourceId: 'i-2', what: 'objection_date' as const, dueAt: '2026-03-19T14:00:00Z' },
      { caseId: 'a', sourceId: 'i-1', what: 'return_date' as const, dueAt: '2026-03-18T14:00:00Z' },
      { caseId: 'c', sourceId: 'i-3', what: 'return_date' as const, dueAt: '2026-04-30T14:00:00Z' },
    ];
    expect(dailyDigest(deadlines, '2026-03-16T10:59:00Z', NY)).toBeNull(); // 6:59 in New York
    expect(dailyDigest(deadlines, '2026-03-17T03:00:00Z', NY)).toEqual({
      kind: 'daily_digest',
      cause: 'digest:2026-03-16', // 23:00 on the 16th in New York
      digest: [{ caseId: 'a', what: 'return_date', dueAt: '2026-03-18T14:00:00Z' }, { caseId: 'b', what: 'objection_date', dueAt: '2026-03-19T14:00:00Z' }],
    });
  });
});

describe('the outbox', () => {
  it('queues a cause once per recipient: the same cause seen again records nothing', () => {
    const state = apply(initialMailOutboxState, { type: 'QueueMail', messages: [referral('u-director'), referral('u-designee')], at: '2026-03-01T10:00:00Z', causePosition: '41' });
    expect([...state.messages.keys()]).toEqual(['event:e-1|u-director', 'event:e-1|u-designee']);
    expect(state.followedTo).toBe('41');
    expect(decideMailOutbox({ type: 'QueueMail', messages: [referral('u-director'), referral('u-director')], at: '2026-03-01T10:05:00Z' }, state)).toEqual([]);
  });

  it('lets one sender claim a message; a second claim on the state after the first is refused', () => {
    const queued = apply(initialMailOutboxState, { type: 'QueueMail', messages: [referral('u-director')], at: '2026-03-01T10:00:00Z' });
    const claim = { type: 'ClaimMail' as const, messageId: 'event:e-1|u-director', claimedBy: 'a', at: '2026-03-01T10:00:01Z' };
    const claimed = apply(queued, claim);
    expect(claimed.messages.get(claim.messageId)).toMatchObject({ status: 'sending', attempts: 1 });
    expect(() => decideMailOutbox({ ...claim, claimedBy: 'b' }, claimed)).toThrow(MailNotDue);
    // A sender that died holding it: once the lease has run out another may take it.
    expect(decideMailOutbox({ ...claim, claimedBy: 'b', at: '2026-03-01T10:06:00Z' }, claimed)).toEqual([expect.objectContaining({ type: 'MailClaimed', data: expect.objectContaining({ attempt: 2, claimedBy: 'b' }) })]);
    // Taken again, the message shows that an attempt ended unrecorded: it may have gone out twice.
    const retaken = apply(claimed, { ...claim, claimedBy: 'b', at: '2026-03-01T10:06:00Z' });
    expect(retaken.messages.get(claim.messageId)).toMatchObject({ status: 'sending', attempts: 2, expiredClaims: 1 });
    expect(claimed.messages.get(claim.messageId)?.expiredClaims).toBeUndefined();
    const sent = apply(claimed, { type: 'RecordMailSent', messageId: claim.messageId, attempt: 1, at: '2026-03-01T10:00:02Z' });
    expect(() => decideMailOutbox({ ...claim, at: '2026-03-02T00:00:00Z' }, sent)).toThrow(MailNotDue);
  });

  it('retries a failed message with exponential backoff, then gives up', () => {
    expect([1, 2, 3, 4].map(mailRetryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(mailRetryDelayMs(20)).toBe(6 * 3_600_000);
    const id = 'event:e-1|u-director';
    let state = apply(initialMailOutboxState, { type: 'QueueMail', messages: [referral('u-director')], at: '2026-03-01T10:00:00Z' });
    state = apply(state, { type: 'ClaimMail', messageId: id, claimedBy: 'a', at: '2026-03-01T10:00:00Z' });
    state = apply(state, { type: 'RecordMailFailed', messageId: id, attempt: 1, reason: 'smtp-451', at: '2026-03-01T10:00:01Z' });
    expect(state.messages.get(id)).toMatchObject({ status: 'failed', retryAt: '2026-03-01T10:01:01.000Z', lastFailure: { reason: 'smtp-451' } });
    expect(() => decideMailOutbox({ type: 'ClaimMail', messageId: id, claimedBy: 'a', at: '2026-03-01T10:01:00Z' }, state)).toThrow(MailNotDue);
    expect(decideMailOutbox({ type: 'RecordMailFailed', messageId: id, attempt: MAIL_MAX_ATTEMPTS, reason: 'smtp-550', at: '2026-03-02T00:00:00Z' }, state)).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ retryAt: null }) }),
    ]);
  });
});

describe('what a message says', () => {
  it('names the case by a short id and links to it, and carries nothing else about it', () => {
    const content = mailContent({ ...referral('u-director') }, { publicUrl: 'https://ledger.library.example', timeZone: NY });
    expect(content.subject).toBe('Law-enforcement request referred to you: case 0f1e2d3c');
    expect(content.text).toContain(`https://ledger.library.example/cases/${CASE}`);
  });
});

describe('who is told what', () => {
  it('lets each user turn off what they do not want, except the director the law-enforcement referral', () => {
    const none = { off: [] };
    expect(notificationChoices('director', { off: ['daily_digest'] })).toContainEqual({ kind: 'daily_digest', enabled: false, locked: false });
    expect(notificationChoices('director', none)).toContainEqual({ kind: 'law_enforcement_referral', enabled: true, locked: true });
    expect(receivesMail('director', { off: ['law_enforcement_referral'] }, 'law_enforcement_referral')).toBe(true);
    expect(receivesMail('counsel', none, 'deadline_reminder')).toBe(false);
    const decide = (role: 'director' | 'staff', off: string[]) => notificationPreferencesDecider.decide({ type: 'SetNotificationPreferences', userId: 'u', role, off, occurredAt: '2026-03-01T00:00:00Z' }, { off: [] }, undefined);
    expect(() => decide('director', ['law_enforcement_referral'])).toThrow(/cannot turn off law_enforcement_referral/);
    expect(decide('staff', ['law_enforcement_referral'])).toEqual([expect.objectContaining({ data: expect.objectContaining({ off: ['law_enforcement_referral'] }) })]);
    expect(() => decide('director', ['fax'])).toThrow(/Unknown kinds/);
  });
});

import { CaseStateConflict, InvalidCommand, NotFound } from '../shared/errors.js';
import type { Actor } from '../policy/actor.js';
import type { IncidentCommand } from './incident.commands.js';
import { decideIncident } from './incident.decider.js';
import type { IncidentEvent } from './incident.events.js';
import { evolveIncident, initialIncidentState, type IncidentState } from './incident.state.js';

const director: Actor = { userId: 'u-director', role: 'director', isActiveDesignee: false };
const NOW = '2025-06-01T12:00:00.000Z';
const ann = { blindIndex: 'a'.repeat(64), pseudonym: 'P-aaaaaaaaaaaa', encryptedRef: 'v2.i-1-aaaa.iv.ct.tag' };
const bob = { blindIndex: 'b'.repeat(64), pseudonym: 'P-bbbbbbbbbbbb', encryptedRef: 'v2.i-1-bbbb.iv.ct.tag' };

const recordIncident = (overrides: Partial<Extract<IncidentCommand, { type: 'RecordBreachIncident' }>> = {}): IncidentCommand => ({
  type: 'RecordBreachIncident',
  actor: director,
  occurredAt: NOW,
  recordedAt: NOW,
  incidentId: 'inc-1',
  discoveredAt: '2025-05-30T09:00:00.000Z',
  description: 'The newsletter vendor reported unauthorised access to its mailing list.',
  systems: ['newsletter service'],
  affectedPatrons: [ann, bob, ann],
  affectedGroup: 'Newsletter subscribers',
  dataElements: ['other', 'name'],
  ...overrides,
});
const notify = (overrides: Partial<Extract<IncidentCommand, { type: 'RecordBreachNotification' }>> = {}): IncidentCommand => ({
  type: 'RecordBreachNotification',
  actor: director,
  occurredAt: NOW,
  recordedAt: NOW,
  incidentId: 'inc-1',
  notificationId: 'n-1',
  patron: { blindIndex: ann.blindIndex, pseudonym: ann.pseudonym },
  method: 'email',
  notifiedAt: '2025-06-01T10:00:00.000Z',
  maxBackdateDays: 30,
  ...overrides,
});

function given(...commands: IncidentCommand[]): { state: IncidentState; events: IncidentEvent[] } {
  let state = initialIncidentState;
  const events: IncidentEvent[] = [];
  for (const command of commands) {
    const decided = decideIncident(command, state);
    events.push(...decided);
    state = decided.reduce(evolveIncident, state);
  }
  return { state, events };
}

describe('breach incidents', () => {
  it('the director records an incident: patrons by blind index and ciphertext (each once), the group described', () => {
    const { events } = given(recordIncident());
    expect(events).toEqual([
      {
        type: 'BreachIncidentRecorded',
        data: {
          incidentId: 'inc-1',
          discoveredAt: '2025-05-30T09:00:00.000Z',
          description: 'The newsletter vendor reported unauthorised access to its mailing list.',
          systems: ['newsletter service'],
          affectedPatrons: [ann, bob],
          affectedGroup: 'Newsletter subscribers',
          dataElements: ['name', 'other'],
          occurredAt: NOW,
          by: 'u-director',
        },
      },
    ]);
  });

  it('only the director; discovered not in the future; someone affected; recorded once', () => {
    expect(() => given(recordIncident({ actor: { ...director, role: 'counsel' } }))).toThrow(expect.objectContaining({ rule: 'ROLE-NOT-PERMITTED' }));
    expect(() => given(recordIncident({ discoveredAt: '2025-07-01T00:00:00.000Z' }))).toThrow(InvalidCommand);
    expect(() => given(recordIncident({ affectedPatrons: [], affectedGroup: undefined }))).toThrow(InvalidCommand);
    expect(() => given(recordIncident({ systems: [] }))).toThrow(InvalidCommand);
    expect(() => given(recordIncident({ dataElements: [] }))).toThrow(expect.objectContaining({ field: 'dataElements' }));
    expect(() => given(recordIncident({ dataElements: ['name', 'library_card' as never] }))).toThrow(expect.objectContaining({ field: 'dataElements.1' }));
    expect(() => given(recordIncident(), recordIncident())).toThrow(CaseStateConflict);
  });

  it('records a notice to an affected patron or to the group', () => {
    const { events } = given(recordIncident(), notify(), notify({ notificationId: 'n-2', patron: undefined, group: 'Newsletter subscribers', method: 'public_notice' }));
    expect(events.slice(1).map((event) => event.data)).toEqual([
      expect.objectContaining({ notificationId: 'n-1', patron: { blindIndex: ann.blindIndex, pseudonym: ann.pseudonym }, method: 'email' }),
      expect.objectContaining({ notificationId: 'n-2', group: 'Newsletter subscribers', method: 'public_notice' }),
    ]);
    expect(JSON.stringify(events[1])).not.toContain('encryptedRef');
  });

  it('refuses a notice for an unknown incident, a patron not affected, both or neither target, a time before discovery or in the future', () => {
    expect(() => given(notify())).toThrow(NotFound);
    expect(() => given(recordIncident(), notify({ patron: { blindIndex: 'c'.repeat(64), pseudonym: 'P-c' } }))).toThrow(InvalidCommand);
    expect(() => given(recordIncident(), notify({ group: 'x' }))).toThrow(InvalidCommand);
    expect(() => given(recordIncident(), notify({ patron: undefined }))).toThrow(InvalidCommand);
    expect(() => given(recordIncident(), notify({ notifiedAt: '2025-05-01T00:00:00.000Z' }))).toThrow(InvalidCommand);
    expect(() => given(recordIncident(), notify({ notifiedAt: '2025-06-02T00:00:00.000Z' }))).toThrow(InvalidCommand);
    // No earlier than LEDGER_MAX_BACKDATE_DAYS before it is recorded.
    expect(() => given(recordIncident({ discoveredAt: '2025-05-01T00:00:00.000Z' }), notify({ maxBackdateDays: 1, notifiedAt: '2025-05-30T00:00:00.000Z' }))).toThrow(expect.objectContaining({ field: 'notifiedAt' }));
    expect(given(recordIncident({ discoveredAt: '2025-05-01T00:00:00.000Z' }), notify({ maxBackdateDays: 5, notifiedAt: '2025-05-30T00:00:00.000Z' })).events).toHaveLength(2);
    expect(() => given(recordIncident({ affectedGroup: undefined }), notify({ patron: undefined, group: 'everyone' }))).toThrow(InvalidCommand);
    expect(() => given(recordIncident(), notify(), notify())).toThrow(CaseStateConflict);
  });

  const agNotice = (notifiedAt: string, maxBackdateDays = 30): IncidentCommand => ({ type: 'RecordAttorneyGeneralNotice', actor: director, occurredAt: NOW, recordedAt: NOW, incidentId: 'inc-1', notifiedAt, maxBackdateDays });
  const delay = (overrides: Partial<Extract<IncidentCommand, { type: 'RecordNoticeDelay' }>> = {}): IncidentCommand => ({
    type: 'RecordNoticeDelay',
    actor: director,
    occurredAt: NOW,
    recordedAt: NOW,
    incidentId: 'inc-1',
    delayId: 'd-1',
    requestedBy: 'State Police, Computer Crimes Unit',
    from: '2025-05-31T00:00:00.000Z',
    to: '2025-07-31T00:00:00.000Z',
    maxBackdateDays: 30,
    ...overrides,
  });
  const carol = { blindIndex: 'c'.repeat(64), pseudonym: 'P-cccccccccccc', encryptedRef: 'v2.i-1-cccc.iv.ct.tag' };
  const addAffected = (affectedPatrons: (typeof ann)[]): IncidentCommand => ({ type: 'AddAffectedPatrons', actor: director, occurredAt: NOW, recordedAt: NOW, incidentId: 'inc-1', affectedPatrons });

  it('records the notice to the Attorney General once, dated as a resident notice is (not in the future, not before discovery, not far back)', () => {
    expect(given(recordIncident(), agNotice('2025-06-01T08:00:00.000Z')).events[1]).toEqual({
      type: 'AttorneyGeneralNotified',
      data: { incidentId: 'inc-1', notifiedAt: '2025-06-01T08:00:00.000Z', occurredAt: NOW, by: 'u-director' },
    });
    expect(() => given(agNotice('2025-06-01T08:00:00.000Z'))).toThrow(NotFound);
    expect(() => given(recordIncident(), agNotice('2025-06-02T08:00:00.000Z'))).toThrow(expect.objectContaining({ field: 'notifiedAt' }));
    expect(() => given(recordIncident(), agNotice('2025-05-01T08:00:00.000Z'))).toThrow(expect.objectContaining({ field: 'notifiedAt' }));
    expect(() => given(recordIncident({ discoveredAt: '2025-05-01T00:00:00.000Z' }), agNotice('2025-05-02T00:00:00.000Z', 10))).toThrow(expect.objectContaining({ field: 'notifiedAt' }));
    expect(() => given(recordIncident(), agNotice('2025-06-01T08:00:00.000Z'), agNotice('2025-06-01T09:00:00.000Z'))).toThrow(CaseStateConflict);
    expect(() => given(recordIncident(), { ...agNotice('2025-06-01T08:00:00.000Z'), actor: { ...director, role: 'staff' } })).toThrow(expect.objectContaining({ rule: 'ROLE-NOT-PERMITTED' }));
  });

  it('records law enforcement\u2019s request to delay notice: who asked, from when to when (not before discovery, to after from)', () => {
    expect(given(recordIncident(), delay()).events[1].data).toEqual(
      expect.objectContaining({ delayId: 'd-1', requestedBy: 'State Police, Computer Crimes Unit', from: '2025-05-31T00:00:00.000Z', to: '2025-07-31T00:00:00.000Z' }),
    );
    expect(() => given(recordIncident(), delay({ from: '2025-05-01T00:00:00.000Z' }))).toThrow(expect.objectContaining({ field: 'from' }));
    expect(() => given(recordIncident(), delay({ to: '2025-05-31T00:00:00.000Z' }))).toThrow(expect.objectContaining({ field: 'to' }));
    expect(() => given(recordIncident(), delay({ requestedBy: ' ' }))).toThrow(expect.objectContaining({ field: 'requestedBy' }));
    expect(() => given(recordIncident(), delay(), delay())).toThrow(CaseStateConflict);
  });

  it('adds patrons found later, each once and never one already affected; a notice to them is then accepted', () => {
    const { events, state } = given(recordIncident(), addAffected([carol, ann, carol]));
    expect(events[1]).toEqual({ type: 'AffectedPatronsAdded', data: { incidentId: 'inc-1', affectedPatrons: [carol], occurredAt: NOW, by: 'u-director' } });
    expect(given(recordIncident(), addAffected([carol]), notify({ patron: { blindIndex: carol.blindIndex, pseudonym: carol.pseudonym } })).events).toHaveLength(3);
    expect(state.affectedBlindIndexes).toContain(carol.blindIndex);
    expect(() => given(recordIncident(), addAffected([ann, bob]))).toThrow(expect.objectContaining({ field: 'patronRefs' }));
    expect(() => given(recordIncident(), addAffected([]))).toThrow(expect.objectContaining({ field: 'patronRefs' }));
    expect(() => given(addAffected([carol]))).toThrow(NotFound);
  });
});

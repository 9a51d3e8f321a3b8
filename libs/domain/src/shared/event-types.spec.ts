import { CASE_EVENT_TYPES, type CaseEvent } from '../case/case.events.js';
import { type EventTypeSet, eventTypesOf } from './event-types.js';

type Noted = { readonly type: 'Noted'; readonly data: object } | { readonly type: 'Closed'; readonly data: object };

describe('event type lists', () => {
  it('are derived from a set naming every member of the union, each once', () => {
    expect(eventTypesOf<Noted>({ Noted: true, Closed: true })).toEqual(['Noted', 'Closed']);
    expect(new Set(CASE_EVENT_TYPES).size).toBe(CASE_EVENT_TYPES.length);
    expect(CASE_EVENT_TYPES).toContain('CaseClosed');
  });

  it('do not compile with a member left out or one the union does not have (checked by tsc)', () => {
    // @ts-expect-error CaseClosed and the others are missing
    const missing: EventTypeSet<CaseEvent> = { DisclosureRequested: true };
    // @ts-expect-error Reopened is not a Noted event
    const extra: EventTypeSet<Noted> = { Noted: true, Closed: true, Reopened: true };
    expect([missing, extra]).toHaveLength(2);
  });
});

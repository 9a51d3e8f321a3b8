import * as domain from '../index.js';
import { isBeforeThirdReading } from '../policy/us-ct/policy-version.js';
import { eventSchema, EventSchemas, schemaVersionOf, type RecordedMetadata, type StoredEventShape } from './event-schema.js';

/**
 * A stream whose one event changed shape twice, as a real one would: `AdviceRecorded` named neither who
 * advised nor which reading of the policy the advice answered; `AdviceRecorded.v2` added `advisedBy`,
 * which only the metadata's actor can supply for older events; the current `AdviceRecorded.v3` adds
 * `reading`, which only the policy version the event was decided under can supply.
 */
type Advice = {
  readonly type: 'AdviceRecorded.v3';
  readonly data: { readonly caseId: string; readonly advice: string; readonly advisedBy: string; readonly reading: 'second' | 'third' };
};

const ADVICE_SCHEMA = eventSchema<Advice>({
  stream: 'advice',
  version: 3,
  types: ['AdviceRecorded.v3'],
  upcasters: {
    AdviceRecorded: ({ data }, metadata) => ({
      type: 'AdviceRecorded.v2',
      data: { ...(data as object), advisedBy: metadata.actor?.userId ?? 'unknown' },
    }),
    'AdviceRecorded.v2': ({ data }, metadata) => ({
      type: 'AdviceRecorded.v3',
      data: { ...(data as object), reading: isBeforeThirdReading(metadata.policyVersion) ? 'second' : 'third' },
    }),
  },
});

const schemas = new EventSchemas([ADVICE_SCHEMA]);
const counsel = { userId: 'counsel-1', role: 'counsel' };

describe('event schemas', () => {
  it('upcasts an old event with what only its metadata knows: the actor and the policy version', () => {
    // Given advice stored in the first shape, by counsel-1, under the second reading of the policy
    const stored: StoredEventShape = { type: 'AdviceRecorded', data: { caseId: 'c1', advice: 'release' } };
    const metadata: RecordedMetadata = { actor: counsel, policyVersion: '2024-07-10.2' };
    // When it is read
    const event = schemas.upcast(stored, metadata);
    // Then it is in today's shape, with who advised and the reading it answered
    expect(event).toEqual({ type: 'AdviceRecorded.v3', data: { caseId: 'c1', advice: 'release', advisedBy: 'counsel-1', reading: 'second' } });
  });

  it('upcasts from any older shape, and reads the same stored data differently under another policy version', () => {
    // Given advice in the second shape, decided under the third reading
    const stored: StoredEventShape = { type: 'AdviceRecorded.v2', data: { caseId: 'c2', advice: 'deny', advisedBy: 'counsel-2' } };
    // When it is read, Then only the last step runs, and the reading is the third
    expect(schemas.upcast(stored, { actor: counsel, policyVersion: '2024-07-10.3' })).toEqual({
      type: 'AdviceRecorded.v3',
      data: { caseId: 'c2', advice: 'deny', advisedBy: 'counsel-2', reading: 'third' },
    });
  });

  it('reads an event stored in the current shape, or of a type no schema knows, as it is', () => {
    const current: StoredEventShape = { type: 'AdviceRecorded.v3', data: { caseId: 'c3', advice: 'release', advisedBy: 'counsel-1', reading: 'third' } };
    expect(schemas.upcasts('AdviceRecorded.v3')).toBe(false);
    expect(schemas.upcast(current, {})).toBe(current);
    expect(schemas.upcast({ type: 'Noted', data: {} }, {})).toEqual({ type: 'Noted', data: {} });
  });

  it('refuses a list of schemas that would read one stored type two ways, when the list is built', () => {
    const other = (types: readonly string[], upcasters = {}) => eventSchema({ stream: 'other', version: 1, types, upcasters });
    expect(() => new EventSchemas([ADVICE_SCHEMA, other(['AdviceRecorded.v3'])])).toThrow('both the advice and the other streams');
    expect(() => new EventSchemas([ADVICE_SCHEMA, other([], { AdviceRecorded: (event: StoredEventShape) => event })])).toThrow('Two upcasters from AdviceRecorded');
    expect(() => new EventSchemas([other(['A'], { A: (event: StoredEventShape) => event })])).toThrow('cannot have an upcaster');
    expect(() => new EventSchemas([ADVICE_SCHEMA, { ...ADVICE_SCHEMA, types: [] }])).toThrow('Two event schemas for the advice stream');
  });

  it('refuses an upcaster chain that goes round, or ends at a type its schema does not read', () => {
    const circle = new EventSchemas([eventSchema({ stream: 's', version: 2, types: ['C'], upcasters: { A: () => ({ type: 'B', data: {} }), B: () => ({ type: 'A', data: {} }) } })]);
    expect(() => circle.upcast({ type: 'A', data: {} }, {})).toThrow('circle');
    const astray = new EventSchemas([eventSchema({ stream: 's', version: 2, types: ['C'], upcasters: { A: () => ({ type: 'D', data: {} }) } })]);
    expect(() => astray.upcast({ type: 'A', data: {} }, {})).toThrow('ended at D, which the s schema does not read');
  });

  it('takes an event without a schema version as written in version 1', () => {
    expect(schemaVersionOf({})).toBe(1);
    expect(schemaVersionOf({ schemaVersion: 3 })).toBe(3);
  });

  it('has a schema for every stream the ledger names and every event type the domain lists', () => {
    const exported = Object.entries(domain as Record<string, unknown>);
    const streamNames = [
      ...exported.filter(([name, value]) => /_STREAM$/.test(name) && typeof value === 'string').map(([, value]) => value as string),
      ...exported.filter(([name, value]) => /^[a-z]+Stream$/.test(name) && typeof value === 'function').map(([, make]) => (make as (id: string) => string)('2026-01-01')),
    ];
    expect(streamNames).toEqual(expect.arrayContaining(['case-2026-01-01', 'roster-main', 'retention-main', 'vendors-main', 'settings-jurisdiction']));
    const streamKinds = new Set(domain.LEDGER_EVENT_SCHEMAS.schemas.map((schema) => schema.stream));
    expect(streamNames.filter((stream) => !streamKinds.has(stream.slice(0, stream.indexOf('-'))))).toEqual([]);

    const listedTypes = exported.filter(([name, value]) => /_EVENT_TYPES$/.test(name) && Array.isArray(value)).flatMap(([, types]) => types as string[]);
    expect(listedTypes).toEqual(expect.arrayContaining(['DisclosureRequested', 'UserRegistered', 'LegalHoldPlaced', 'JurisdictionAdopted']));
    expect(listedTypes.filter((type) => domain.LEDGER_EVENT_SCHEMAS.schemaOf(type) === undefined)).toEqual([]);
  });
});

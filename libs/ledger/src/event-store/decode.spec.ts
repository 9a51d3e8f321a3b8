import { eventSchema, EventSchemas, LEDGER_EVENT_SCHEMAS } from '@ledger/domain';
import { decodeRecorded, mayDecodeAs } from './decode.js';

const stored = (type: string, data: object, metadata: object | string = {}) => ({
  type,
  data: JSON.stringify(data),
  metadata: typeof metadata === 'string' ? metadata : JSON.stringify(metadata),
});

/** `PatronNamed` kept the name in one string; `PatronNamed.v2`, current, splits it and says who recorded it. */
const NAMES = new EventSchemas([
  eventSchema({
    stream: 'names',
    version: 2,
    types: ['PatronNamed.v2'],
    upcasters: {
      PatronNamed: ({ data }, metadata) => {
        const [given, family] = (data as { name: string }).name.split(' ');
        return { type: 'PatronNamed.v2', data: { given, family, recordedBy: metadata.actor?.role ?? null } };
      },
    },
  }),
]);

describe('decodeRecorded', () => {
  it('parses the event and its metadata', () => {
    const decoded = decodeRecorded(stored('CaseClosed', { caseId: 'c1' }, { actor: { userId: 'u1', role: 'director' }, recordedAt: '2026-01-01T00:00:00.000Z' }));
    expect(decoded.event).toEqual({ type: 'CaseClosed', data: { caseId: 'c1' } });
    expect(decoded.metadata.actor).toEqual({ userId: 'u1', role: 'director' });
    expect(decoded.metadata.recordedAt).toBe('2026-01-01T00:00:00.000Z');
    // Destructured, it keeps its metadata (a spread would not, and the compiler says so).
    const { event, metadata } = decoded;
    expect([event.type, metadata.actor?.role]).toEqual(['CaseClosed', 'director']);
  });

  it('upcasts an event stored in an older shape with its stored metadata', () => {
    const decoded = decodeRecorded(stored('PatronNamed', { name: 'Ada Lovelace' }, { actor: { userId: 'u2', role: 'staff' }, schemaVersion: 1 }), NAMES);
    expect(decoded.event).toEqual({ type: 'PatronNamed.v2', data: { given: 'Ada', family: 'Lovelace', recordedBy: 'staff' } });
    expect(decoded.metadata.schemaVersion).toBe(1);
  });

  it('parses the metadata only when it is read, unless an upcaster needs it', () => {
    // Metadata that is not JSON fails only where it is read.
    const current = decodeRecorded(stored('PatronNamed.v2', { given: 'Bo', family: 'Li', recordedBy: null }, 'not json'), NAMES);
    expect(current.event.type).toBe('PatronNamed.v2');
    expect(() => current.metadata).toThrow(SyntaxError);
    expect(() => decodeRecorded(stored('PatronNamed', { name: 'Bo Li' }, 'not json'), NAMES)).toThrow(SyntaxError);
  });

  it('reads with the ledger’s own schemas unless given others', () => {
    expect(decodeRecorded(stored('PatronNamed', { name: 'Ada Lovelace' })).event.type).toBe('PatronNamed');
    expect(LEDGER_EVENT_SCHEMAS.schemaOf('DisclosureRequested')?.stream).toBe('case');
  });

  it('tells a reader which stored types may read as the ones it wants: those, and the ones an upcaster reads', () => {
    const wanted = new Set(['PatronNamed.v2']);
    expect(mayDecodeAs('PatronNamed.v2', wanted, NAMES)).toBe(true);
    expect(mayDecodeAs('PatronNamed', wanted, NAMES)).toBe(true);
    expect(mayDecodeAs('CaseClosed', wanted, NAMES)).toBe(false);
    expect(mayDecodeAs('PatronNamed', wanted)).toBe(false);
  });
});

import { decode, decodeEvent, UpcasterRegistry } from './decode.js';

describe('decode', () => {
  const stored = (type: string, data: object, metadata: object = {}) => ({ type, data: JSON.stringify(data), metadata: JSON.stringify(metadata) });

  it('parses the event and its metadata', () => {
    const decoded = decode(stored('CaseClosed', { caseId: 'c1' }, { actor: { userId: 'u1', role: 'director' }, recordedAt: '2026-01-01T00:00:00.000Z' }));
    expect(decoded.event).toEqual({ type: 'CaseClosed', data: { caseId: 'c1' } });
    expect(decoded.metadata.actor).toEqual({ userId: 'u1', role: 'director' });
    expect(decoded.metadata.recordedAt).toBe('2026-01-01T00:00:00.000Z');
  });

  it('upcasts a .v1 event to the shape the code reads now, through every step', () => {
    const upcasters = new UpcasterRegistry()
      // v1 named the requester in one string; v2 split it; the current type adds an optional channel.
      .register('RequesterNoted.v1', (data) => {
        const { requester } = data as { requester: string };
        const [kind, name] = requester.split(':');
        return { type: 'RequesterNoted.v2', data: { kind, name } };
      })
      .register('RequesterNoted.v2', (data) => ({ type: 'RequesterNoted', data: { ...(data as object), channel: null } }));
    const decoded = decode(stored('RequesterNoted.v1', { requester: 'patron:Ada' }), upcasters);
    expect(decoded.event).toEqual({ type: 'RequesterNoted', data: { kind: 'patron', name: 'Ada', channel: null } });
    // An event stored in today's shape is read as it is.
    expect(decodeEvent('RequesterNoted', JSON.stringify({ kind: 'staff', name: 'Bo', channel: 'email' }), upcasters)).toEqual({
      type: 'RequesterNoted',
      data: { kind: 'staff', name: 'Bo', channel: 'email' },
    });
  });

  it('refuses a second upcaster from one type, and upcasters that go round in a circle', () => {
    const upcasters = new UpcasterRegistry().register('A', (data) => ({ type: 'B', data }));
    expect(() => upcasters.register('A', (data) => ({ type: 'C', data }))).toThrow('registered already');
    upcasters.register('B', (data) => ({ type: 'A', data }));
    expect(() => decodeEvent('A', '{}', upcasters)).toThrow('circle');
  });
});

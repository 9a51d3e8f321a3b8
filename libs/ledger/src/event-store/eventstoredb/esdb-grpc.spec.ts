import { EventStoreDBClient } from '@eventstore/db-client';
import { clientInternals } from './esdb-grpc.js';

/**
 * The one seam through which the adapter reaches the client's protected members (`execute`,
 * `callArguments`, `handleError`): checked when the store is made, so a client that moved them
 * stops the server at start-up with a message, not on the first write.
 */
describe('the seam into @eventstore/db-client', () => {
  const client = () => EventStoreDBClient.connectionString('esdb://127.0.0.1:1?tls=false&defaultDeadline=1234');

  it('finds the three members in the installed client (6.2.1)', () => {
    const internals = clientInternals(client());
    expect([typeof internals.execute, typeof internals.callArguments, typeof internals.handleError]).toEqual(['function', 'function', 'function']);
  });

  it('gets requires-leader and the connection string’s deadline into the call', () => {
    const before = Date.now();
    const [metadata, options] = clientInternals(client()).callArguments({ requiresLeader: true });
    expect(metadata.get('requires-leader')).toEqual(['true']);
    const deadline = (options.deadline as Date).getTime() - before;
    expect(deadline).toBeGreaterThanOrEqual(1234);
    expect(deadline).toBeLessThan(1234 + 1_000);
    const [plain] = clientInternals(client()).callArguments({});
    expect(plain.get('requires-leader')).toEqual([]);
  });

  for (const missing of ['execute', 'callArguments', 'handleError'] as const) {
    it(`refuses, naming it, a client without ${missing}`, () => {
      const moved = client();
      Object.defineProperty(moved, missing, { value: undefined });
      expect(() => clientInternals(moved)).toThrow(new RegExp(`no longer provides Client\\.${missing}`));
    });
  }
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store.js';

const event = (n: number) => ({ type: 'Noted', data: JSON.stringify({ n }), metadata: '{}' });

describe('SQLite store: a follower on a second connection', () => {
  let dir: string;
  let writer: SqliteEventStore;
  let follower: SqliteEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sqlite-followers-'));
    writer = SqliteEventStore.open(join(dir, 'events.db'));
    // A poll interval longer than the test's timeout: only wake() can deliver in time.
    follower = SqliteEventStore.open(join(dir, 'events.db'), { pollIntervalMs: 600_000 });
  });

  afterEach(async () => {
    await follower.close();
    await writer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commitSignals: onCommitted fires once per commit that wrote events, and wake() delivers them to an idle subscription', async () => {
    const abort = new AbortController();
    const received: string[] = [];
    let gotSecond!: () => void;
    const second = new Promise<void>((resolve) => (gotSecond = resolve));
    const following = (async () => {
      for await (const recorded of follower.subscribeToAll({ signal: abort.signal })) {
        received.push(recorded.data);
        if (received.length === 2) gotSecond();
      }
    })();
    let commits = 0;
    const stop = writer.commitSignals().onCommitted(() => {
      commits++;
      follower.commitSignals().wake();
    });

    await Promise.all([writer.appendToStream('notes-a', [event(1)]), writer.appendToStream('notes-b', [event(2)])]);
    await second;
    expect(received).toEqual(['{"n":1}', '{"n":2}']);
    expect(commits).toBe(1); // both appends were requested in one turn: one group commit

    await writer.appendToStream('notes-c', [], { expectedRevision: 'no_stream' });
    expect(commits).toBe(1); // nothing written, nobody told

    stop();
    await writer.appendToStream('notes-d', [event(3)]);
    expect(commits).toBe(1);
    abort.abort();
    follower.commitSignals().wake();
    await following;
  });

  it('a listener that throws does not fail the append that has already committed', async () => {
    writer.commitSignals().onCommitted(() => {
      throw new Error('listener broke');
    });
    await expect(writer.appendToStream('notes-a', [event(1)])).resolves.toMatchObject({ nextExpectedRevision: 0n });
    expect(await writer.readStream('notes-a')).toHaveLength(1);
  });
});

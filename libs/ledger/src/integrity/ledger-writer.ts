import { randomUUID } from 'node:crypto';
import { LEDGER_EVENT_SCHEMAS, type EventSchemas } from '@ledger/domain';
import { noteAppendedEvents } from '../command-handling/appended-events.js';
import type { AppendResult, EventStore, RecordedEvent } from '../event-store/event-store.port.js';
import { retryOnConflict } from '../event-store/retry-on-conflict.js';
import type { WriteGate } from '../log/integrity-alarm.js';
import { canonicalJson } from './canonical-json.js';
import { hashLink, sealMetadata, unsealMetadata } from './hash-chain.js';

/** Where a stream ends: what the next event chains onto. */
export interface StreamHead {
  readonly revision: bigint;
  readonly hash: string;
  readonly position: bigint;
}

export interface LedgerEventDraft {
  readonly type: string;
  readonly data: object;
  /** Everything but the chain fields and the schema version; those are added here. */
  readonly metadata: object;
}

export function headOf(event: RecordedEvent): StreamHead {
  const sealed = unsealMetadata(event.metadata);
  if (!sealed) throw new Error(`Event ${event.stream}@${event.revision} carries no chain fields`);
  return { revision: event.revision, hash: sealed.hash, position: event.position };
}

/**
 * The only way the application writes events: canonicalises data and metadata, chains each event
 * to the one before it in its stream, and appends with the exact expected revision the chain was
 * built on, so that a concurrent writer can never splice into a chain. Each event of a type a schema
 * knows carries that schema's version (`schemaVersion`), which its upcasters will read once its shape
 * has changed.
 */
export class LedgerWriter {
  /** `gate` (the log's integrity alarm) may refuse every write: nothing is appended to a history found rewritten. */
  constructor(
    private readonly store: EventStore,
    private readonly gate?: WriteGate,
    private readonly schemas: EventSchemas = LEDGER_EVENT_SCHEMAS,
  ) {}

  async append(stream: string, drafts: readonly LedgerEventDraft[], head: StreamHead | null): Promise<AppendResult> {
    this.gate?.assertWritable();
    let prev = head?.hash ?? null;
    let revision = head ? head.revision + 1n : 0n;
    const events = drafts.map((draft) => {
      const data = canonicalJson(draft.data);
      // A caller-supplied hash/prev would be shadowed by the chain's own; refuse rather than confuse.
      if ('hash' in draft.metadata || 'prev' in draft.metadata) throw new TypeError('metadata may not carry hash or prev');
      const schemaVersion = this.schemas.schemaOf(draft.type)?.version;
      const otherMetadata = canonicalJson(schemaVersion === undefined ? draft.metadata : { ...draft.metadata, schemaVersion });
      const hash = hashLink({ stream, revision, type: draft.type, prev, data, otherMetadata });
      const event = { id: randomUUID(), type: draft.type, data, metadata: sealMetadata(hash, prev, otherMetadata) };
      prev = hash;
      revision += 1n;
      return event;
    });
    const result = await this.store.appendToStream(stream, events, { expectedRevision: head ? head.revision : 'no_stream' });
    noteAppendedEvents(events.map((event) => event.id));
    return result;
  }

  async readHead(stream: string): Promise<StreamHead | null> {
    const [last] = await this.store.readStream(stream, { direction: 'backwards', fromRevision: 'end', maxCount: 1 });
    return last ? headOf(last) : null;
  }

  /**
   * Appends at the end of a stream whatever it holds (rosters, access logs): reads the head, chains
   * onto it, and re-reads on a concurrent append (the one retry policy, `retryOnConflict`).
   */
  async appendToEnd(stream: string, drafts: readonly LedgerEventDraft[]): Promise<AppendResult> {
    return retryOnConflict(async () => this.append(stream, drafts, await this.readHead(stream)));
  }
}

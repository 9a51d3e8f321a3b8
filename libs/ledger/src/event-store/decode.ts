import { LEDGER_EVENT_SCHEMAS, type EventSchemas, type RecordedMetadata } from '@ledger/domain';
import type { RecordedEvent } from './event-store.port.js';

/** The metadata every event carries (see `LedgerWriter` and the command pipeline). */
export type EventMetadata = RecordedMetadata;

/** An event as the code reads it now: `{type, data}`, after every upcaster that applies. */
export interface DomainEventShape {
  readonly type: string;
  readonly data: unknown;
}

/** What a stored event is made of: its type, and its data and metadata as the stored JSON text. */
export type StoredEventText = Pick<RecordedEvent, 'type' | 'data' | 'metadata'>;

/**
 * A stored event read for its meaning. A class, not an object literal: V8 makes these as fast as the
 * bare parse (a literal with a getter took twice as long), and the compiler knows that a spread of one
 * drops `metadata`, which lives on the prototype.
 */
export class DecodedEvent<E extends DomainEventShape = DomainEventShape> {
  /** In the shape the code reads now: parsed, and upcast (with its metadata) when stored in an older one. */
  readonly event: E;
  #metadata: EventMetadata | undefined;
  readonly #metadataText: string;

  constructor(recorded: StoredEventText, schemas: EventSchemas) {
    this.#metadataText = recorded.metadata;
    const stored: DomainEventShape = { type: recorded.type, data: JSON.parse(recorded.data) as unknown };
    this.event = (schemas.upcasts(stored.type) ? schemas.upcast(stored, this.metadata) : stored) as E;
  }

  /** Parsed when first asked for (most readers need only the event), or when an upcaster needs it. */
  get metadata(): EventMetadata {
    return (this.#metadata ??= JSON.parse(this.#metadataText) as EventMetadata);
  }
}

/**
 * The one decoder of stored events: the only place event data or metadata is parsed
 * (`test/docs/event-data-decoded-once.spec.ts` fails on a `JSON.parse` of them anywhere else). A stored
 * event's bytes never change (the hash chain covers them); when an event's shape changes, its stream's
 * schema (`libs/domain/src/<stream>/<stream>.schema.ts`) gains a new type and an upcaster from the old,
 * and every reader — the command pipeline, the views, case reads, exports, the CLI — sees only the
 * current shape. Integrity checks hash the stored text itself and never come here.
 */
export function decodeRecorded<E extends DomainEventShape = DomainEventShape>(
  recorded: StoredEventText,
  schemas: EventSchemas = LEDGER_EVENT_SCHEMAS,
): DecodedEvent<E> {
  return new DecodedEvent<E>(recorded, schemas);
}

/**
 * Whether an event stored as `storedType` may read as one of `types`: it is one, or an upcaster reads it
 * (into what, only its data and metadata say). What lets a reader skip parsing the events it never reads.
 */
export function mayDecodeAs(storedType: string, types: { has(type: string): boolean }, schemas: EventSchemas = LEDGER_EVENT_SCHEMAS): boolean {
  return types.has(storedType) || schemas.upcasts(storedType);
}

import type { DomainEvent } from './decider.js';

/**
 * What every event's metadata may carry (written by the command pipeline and the ledger writer): the
 * hash chain, who acted, when, under which policy and jurisdiction, and the version of its stream's
 * schema it was written in. Every field is optional: events recorded before a field existed lack it.
 */
export interface RecordedMetadata {
  readonly hash?: string;
  readonly prev?: string | null;
  readonly actor?: { readonly userId: string; readonly role: string };
  readonly occurredAt?: string;
  readonly recordedAt?: string;
  readonly policyVersion?: string;
  readonly jurisdiction?: string;
  readonly commandId?: string;
  /** The `version` of its stream's `EventSchema` when the event was appended; absent before versions were recorded. */
  readonly schemaVersion?: number;
  readonly [key: string]: unknown;
}

/** An event as it was stored: its type and its parsed data, in the shape of the day it was written. */
export interface StoredEventShape {
  readonly type: string;
  readonly data: unknown;
}

/**
 * Turns an event stored in an older shape (`Type`, or `Type.v2` once `Type.v3` is current) into the
 * next one. Pure: it sees the stored event and its metadata (the policy version it was decided under,
 * the actor, the schema version it was written in), nothing else. It returns a current event of its
 * schema, or another older shape that has an upcaster of its own.
 */
export type Upcaster = (recorded: StoredEventShape, metadata: RecordedMetadata) => StoredEventShape;

/**
 * One stream kind's events: the types the code reads now, the version written into each event's
 * metadata when it is appended, and the upcasters from every shape it no longer reads.
 */
export interface EventSchema<E extends DomainEvent = DomainEvent> {
  /** The stream category, as the stream names begin (`case` for `case-<id>`). */
  readonly stream: string;
  /** Raised by one whenever an event of the stream changes shape (a new `Type.v2` and its upcaster). */
  readonly version: number;
  /** Every type of the stream's event union. */
  readonly types: readonly E['type'][];
  /** Keyed by the stored type they read, never one of `types`. */
  readonly upcasters: Readonly<Record<string, Upcaster>>;
}

/** Events written before schema versions were recorded are in the shape of version 1 of every schema. */
export const FIRST_SCHEMA_VERSION = 1;

/** The schema version an event was written in, from its metadata. */
export function schemaVersionOf(metadata: RecordedMetadata): number {
  return typeof metadata.schemaVersion === 'number' ? metadata.schemaVersion : FIRST_SCHEMA_VERSION;
}

/** A schema, typed over its event union (the types list must name only members of it). */
export function eventSchema<E extends DomainEvent>(schema: EventSchema<E>): EventSchema<E> {
  return schema;
}

/**
 * The ledger's schemas, looked up by event type. Built once from a list and never changed: a type
 * current in two schemas, an upcaster from a current type, or two upcasters from one type fail here,
 * when the list is read, not when an event is.
 */
export class EventSchemas {
  private readonly currentType = new Map<string, EventSchema>();
  private readonly upcasterOf = new Map<string, { readonly schema: EventSchema; readonly upcast: Upcaster }>();

  constructor(readonly schemas: readonly EventSchema[]) {
    const streams = new Set<string>();
    for (const schema of schemas) {
      if (streams.has(schema.stream)) throw new Error(`Two event schemas for the ${schema.stream} stream`);
      streams.add(schema.stream);
      if (!Number.isInteger(schema.version) || schema.version < FIRST_SCHEMA_VERSION) throw new Error(`The ${schema.stream} schema's version must be a whole number from 1`);
      for (const type of schema.types) {
        const other = this.currentType.get(type);
        if (other) throw new Error(`${type} is an event of both the ${other.stream} and the ${schema.stream} streams`);
        this.currentType.set(type, schema);
      }
    }
    for (const schema of schemas) {
      for (const [type, upcast] of Object.entries(schema.upcasters)) {
        if (this.currentType.has(type)) throw new Error(`${type} is read as it is stored: it cannot have an upcaster (${schema.stream})`);
        if (this.upcasterOf.has(type)) throw new Error(`Two upcasters from ${type}`);
        this.upcasterOf.set(type, { schema, upcast });
      }
    }
  }

  /** The schema whose events are stored as `type` today, if any. */
  schemaOf(type: string): EventSchema | undefined {
    return this.currentType.get(type);
  }

  /** Whether events stored as `type` are read as another type. */
  upcasts(type: string): boolean {
    return this.upcasterOf.has(type);
  }

  /** A stored event in the shape the code reads now: every upcaster from its type on, in turn, with its metadata. */
  upcast(stored: StoredEventShape, metadata: RecordedMetadata): StoredEventShape {
    const first = this.upcasterOf.get(stored.type);
    if (!first) return stored;
    let current = stored;
    for (let steps = 0; ; steps++) {
      const step = this.upcasterOf.get(current.type);
      if (!step) break;
      if (steps > this.upcasterOf.size) throw new Error(`Upcasters from ${stored.type} go round in a circle`);
      current = step.upcast(current, metadata);
    }
    if (this.currentType.get(current.type) !== first.schema) {
      throw new Error(`Upcasting ${stored.type} ended at ${current.type}, which the ${first.schema.stream} schema does not read`);
    }
    return current;
  }
}

import type { RecordedEvent } from './event-store.port.js';

/** The metadata every event carries (see `LedgerWriter`): the hash chain, who, when, under which policy. */
export interface EventMetadata {
  readonly hash?: string;
  readonly prev?: string | null;
  readonly actor?: { readonly userId: string; readonly role: string };
  readonly occurredAt?: string;
  readonly recordedAt?: string;
  readonly policyVersion?: string;
  readonly commandId?: string;
  readonly [key: string]: unknown;
}

/** An event as the code reads it now: `{type, data}`, after every upcaster that applies. */
export interface DomainEventShape {
  readonly type: string;
  readonly data: unknown;
}

/** Turns a stored event of an older shape (`Type` or `Type.v1`) into the next one (e.g. `Type.v2`). */
export type Upcaster = (data: unknown) => DomainEventShape;

/**
 * Where upcasters live. A stored event's bytes never change (the hash chain covers them); when an
 * event's shape must change, the new shape gets a new type (`Type.v2`) and an upcaster from the old one
 * is registered here, so that every reader (the command pipeline, the views, case reads, exports)
 * sees only the current shape.
 */
export class UpcasterRegistry {
  private readonly byType = new Map<string, Upcaster>();

  register(fromType: string, upcast: Upcaster): this {
    if (this.byType.has(fromType)) throw new Error(`An upcaster from ${fromType} is registered already`);
    this.byType.set(fromType, upcast);
    return this;
  }

  /** Whether events stored as `type` are read as another type. */
  upcasts(type: string): boolean {
    return this.byType.has(type);
  }

  upcast(event: DomainEventShape): DomainEventShape {
    let current = event;
    for (let steps = 0; ; steps++) {
      const upcast = this.byType.get(current.type);
      if (!upcast) return current;
      if (steps > this.byType.size) throw new Error(`Upcasters from ${event.type} go round in a circle`);
      current = upcast(current.data);
    }
  }
}

/** The ledger's upcasters. None today: no stored event has changed its shape yet. */
export const UPCASTERS = new UpcasterRegistry();

/** One stored event's type and data, parsed and upcast. */
export function decodeEvent<E extends DomainEventShape = DomainEventShape>(type: string, data: string, upcasters = UPCASTERS): E {
  const parsed: DomainEventShape = { type, data: JSON.parse(data) as unknown };
  return (upcasters.upcasts(type) ? upcasters.upcast(parsed) : parsed) as E;
}

/** The one decoder of stored events: `{event, metadata}`, the event parsed and upcast, the metadata parsed. */
export function decode<E extends DomainEventShape = DomainEventShape>(
  recorded: Pick<RecordedEvent, 'type' | 'data' | 'metadata'>,
  upcasters = UPCASTERS,
): { readonly event: E; readonly metadata: EventMetadata } {
  return { event: decodeEvent<E>(recorded.type, recorded.data, upcasters), metadata: JSON.parse(recorded.metadata) as EventMetadata };
}

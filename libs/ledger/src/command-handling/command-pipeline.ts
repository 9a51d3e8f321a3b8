import type { Decider, DomainEvent } from '@ledger/domain';
import { citedUnder, DEFAULT_JURISDICTION, NotFound, policyStampOf, type JurisdictionPack, type PolicyStamp } from '@ledger/domain';
import { type EventStore, WrongExpectedVersionError } from '../event-store/event-store.port.js';
import { CONFLICT_ATTEMPTS, retryOnConflict } from '../event-store/retry-on-conflict.js';
import { type LedgerWriter, type StreamHead, headOf } from '../integrity/ledger-writer.js';
import { decodeRecorded } from '../event-store/decode.js';
import type { RecordedEvent } from '../event-store/event-store.port.js';
import { nextCommandId } from './command-scope.js';
import { inCommandSpan, inStepSpan } from './command-tracing.js';

export interface CommandActor {
  readonly userId: string;
  readonly role: string;
}

/** What the pipeline writes into every event's metadata besides the chain fields. */
export interface CommandMeta {
  readonly actor: CommandActor;
  /** The server's clock when the command arrived (ISO). */
  readonly recordedAt: string;
  /** When the thing happened (ISO); defaults to `recordedAt`. An event's own `data.occurredAt` wins. */
  readonly occurredAt?: string;
  readonly commandId?: string;
}

export interface LoadedStream<S> {
  readonly state: S;
  readonly head: StreamHead | null;
}

export interface PipelineRequest<C, S, E extends DomainEvent, Ctx> {
  readonly stream: string;
  readonly decider: Decider<C, S, E, Ctx>;
  readonly command: C;
  readonly meta: CommandMeta;
  /** Builds the decision context from other streams, given this stream's state. */
  readonly context?: (state: S) => Ctx | Promise<Ctx>;
  /** `new`: the stream must not exist yet; `existing`: 404 when it does not exist. Default `either`. */
  readonly expect?: 'new' | 'existing' | 'either';
  /** From `If-Match`: the revision the caller last saw. */
  readonly ifMatch?: bigint;
  readonly notFoundMessage?: string;
}

export interface PipelineResult<S, E> {
  readonly revision: bigint;
  readonly position: bigint;
  readonly state: S;
  readonly events: readonly E[];
}

/** `If-Match` named a revision the stream has moved past (412). */
export class PreconditionFailedError extends Error {
  override readonly name = 'PreconditionFailedError';
  constructor(
    readonly expected: bigint,
    readonly actual: bigint | null,
  ) {
    // The revision asked for is the client's text: it is not repeated back.
    super(actual === null ? 'Nothing is recorded there yet' : `The case has moved on: it is at revision ${actual}; read it again`);
  }
}

/** Concurrent writers kept winning: retries did not resolve the conflict (409). */
export class WriteConflictError extends Error {
  override readonly name = 'WriteConflictError';
}

/** A decision that records nothing (409). */
export class NothingToRecordError extends Error {
  override readonly name = 'NothingToRecordError';
}

/**
 * The one command handler: load → evolve → decide → append with the revision read.
 * On a concurrent append it re-reads and decides again, a bounded number of times.
 */
export class CommandPipeline {
  constructor(
    private readonly store: EventStore,
    private readonly writer: LedgerWriter,
    /** The pack every decision is made and cited under; its version and id go into every event's metadata. */
    readonly jurisdiction: JurisdictionPack = DEFAULT_JURISDICTION,
    private readonly maxAttempts = CONFLICT_ATTEMPTS,
  ) {
    this.stamp = policyStampOf(jurisdiction);
  }

  private readonly stamp: PolicyStamp;

  async load<S, E extends DomainEvent>(stream: string, decider: Pick<Decider<unknown, S, E, unknown>, 'initialState' | 'evolve'>): Promise<LoadedStream<S>> {
    return this.refresh(stream, decider, { state: decider.initialState, head: null });
  }

  /**
   * `loaded` brought up to date: reads only the events after its head (streams only ever grow), so a
   * caller may keep a stream it reads on every command (the designee roster) and pay one index probe.
   */
  async refresh<S, E extends DomainEvent>(
    stream: string,
    decider: Pick<Decider<unknown, S, E, unknown>, 'evolve'>,
    loaded: LoadedStream<S>,
  ): Promise<LoadedStream<S>> {
    const recorded = await this.store.readStream(stream, loaded.head ? { fromRevision: loaded.head.revision + 1n } : {});
    if (recorded.length === 0) return loaded;
    let state = loaded.state;
    for (const event of recorded) {
      state = decider.evolve(state, decodeRecorded<E>(event).event);
    }
    return { state, head: headOf(recorded[recorded.length - 1]) };
  }

  async execute<C, S, E extends DomainEvent, Ctx>(request: PipelineRequest<C, S, E, Ctx>): Promise<PipelineResult<S, E>> {
    const commandId = request.meta.commandId ?? nextCommandId(request.stream);
    const identified = commandId ? { ...request, meta: { ...request.meta, commandId } } : request;
    return inCommandSpan(commandTypeOf(request.command), request.stream, async () => {
      try {
        return await retryOnConflict(() => this.attempt(identified), this.maxAttempts);
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        throw new WriteConflictError(`${request.stream} kept changing; gave up after ${this.maxAttempts} attempts`);
      }
    });
  }

  /**
   * The stream, and the events in it that carry `commandId` (written by an earlier sending of the same
   * request, see `runAsRepeatableRequest`). Metadata is canonical JSON, so the field's text is exact.
   */
  private async loadNotingOwn<S, E extends DomainEvent>(
    stream: string,
    decider: Pick<Decider<unknown, S, E, unknown>, 'initialState' | 'evolve'>,
    commandId: string | undefined,
  ): Promise<LoadedStream<S> & { readonly own: readonly RecordedEvent[] }> {
    if (commandId === undefined) return { ...(await this.load(stream, decider)), own: [] };
    const recorded = await this.store.readStream(stream);
    const marker = `"commandId":${JSON.stringify(commandId)}`;
    let state = decider.initialState;
    for (const event of recorded) state = decider.evolve(state, decodeRecorded<E>(event).event);
    const last = recorded[recorded.length - 1];
    return { state, head: last ? headOf(last) : null, own: recorded.filter((event) => event.metadata.includes(marker)) };
  }

  /** One load → decide → append; a lost race surfaces as `WrongExpectedVersionError` only where trying again can help. */
  /** The decider's events, or its refusal in the words and citation of this ledger's jurisdiction. */
  private decide<C, S, E extends DomainEvent, Ctx>(request: PipelineRequest<C, S, E, Ctx>, state: S, context: Ctx): readonly E[] {
    try {
      return request.decider.decide(request.command, state, context);
    } catch (error) {
      throw citedUnder(error, this.jurisdiction);
    }
  }

  private async attempt<C, S, E extends DomainEvent, Ctx>(request: PipelineRequest<C, S, E, Ctx>): Promise<PipelineResult<S, E>> {
    // A stream that must be new is not read: the append's `no_stream` expectation is the check.
    const { state, head, own } =
      request.expect === 'new'
        ? { state: request.decider.initialState, head: null, own: [] }
        : await inStepSpan('load', () => this.loadNotingOwn(request.stream, request.decider, request.meta.commandId));
    // This very request was sent before and its append went through, though its answer was lost.
    if (own.length > 0) return recognised(state, own);
    if (request.expect === 'existing' && head === null) {
      throw new NotFound(request.notFoundMessage ?? 'Nothing is recorded under that name');
    }
    // Whether the actor may act here at all comes first: a precondition's answer names the revision.
    if (request.decider.admits) {
      try {
        request.decider.admits(request.command, state);
      } catch (error) {
        throw citedUnder(error, this.jurisdiction);
      }
    }
    if (request.ifMatch !== undefined && head?.revision !== request.ifMatch) {
      throw new PreconditionFailedError(request.ifMatch, head?.revision ?? null);
    }
    const context = (request.context ? await inStepSpan('load', async () => request.context!(state)) : undefined) as Ctx;
    const events = inStepSpan('decide', () => this.decide(request, state, context));
    if (events.length === 0) throw new NothingToRecordError('The command records nothing new');
    try {
      const written = await inStepSpan('append', () =>
        this.writer.append(
          request.stream,
          events.map((event) => ({ type: event.type, data: event.data as object, metadata: metadataFor(event, request.meta, this.stamp) })),
          request.expect === 'new' ? null : head,
        ),
      );
      const finalState = events.reduce((acc, event) => request.decider.evolve(acc, event), state);
      return { revision: written.nextExpectedRevision, position: written.position, state: finalState, events };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      if (request.expect === 'new') {
        const again = await this.loadNotingOwn(request.stream, request.decider, request.meta.commandId);
        if (again.own.length > 0) return recognised(again.state, again.own);
        throw new WriteConflictError(`${request.stream} already exists`);
      }
      // Another writer got in between the read and the append: the revision it left is the one to name.
      if (request.ifMatch !== undefined) throw new PreconditionFailedError(request.ifMatch, typeof error.actual === 'bigint' ? error.actual : null);
      throw error;
    }
  }
}

/** The command's `type` (every domain command has one), for its span. */
function commandTypeOf(command: unknown): string {
  const type = (command as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? type : 'command';
}

function recognised<S, E extends DomainEvent>(state: S, own: readonly RecordedEvent[]): PipelineResult<S, E> {
  const last = own[own.length - 1];
  return { revision: last.revision, position: last.position, state, events: own.map((event) => decodeRecorded<E>(event).event) };
}

function metadataFor(event: DomainEvent, meta: CommandMeta, stamp: PolicyStamp): object {
  const data = event.data as { occurredAt?: unknown } | null;
  const occurredAt = typeof data?.occurredAt === 'string' ? data.occurredAt : (meta.occurredAt ?? meta.recordedAt);
  return {
    actor: { userId: meta.actor.userId, role: meta.actor.role },
    occurredAt,
    recordedAt: meta.recordedAt,
    ...stamp,
    ...(meta.commandId ? { commandId: meta.commandId } : {}),
  };
}

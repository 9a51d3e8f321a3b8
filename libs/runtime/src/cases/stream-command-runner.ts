import type { Actor, DomainEvent } from '@ledger/domain';
import type { CommandPipeline, PipelineRequest, PipelineResult } from '@ledger/ledger';
import type { ActorResolver } from './actor-resolver.js';
import type { Clock, CommandUser } from './command-user.js';

/** What the runner gives every command: who acts (designee powers resolved) and the two instants. */
export interface CommandBase {
  readonly actor: Actor;
  readonly occurredAt: string;
  readonly recordedAt: string;
}

export interface RunStreamCommand<C, S, E extends DomainEvent, Ctx> extends Omit<PipelineRequest<C, S, E, Ctx>, 'command' | 'meta'> {
  readonly user: CommandUser;
  /** From the body; default: the server's now. */
  readonly occurredAt?: string;
  /** The domain command, given the actor and the instants. */
  readonly command: (base: CommandBase) => NoInfer<C>;
}

/**
 * Load → decide → append for any stream, with the actor, the instants and the metadata made in one
 * place: `recordedAt` is the injected clock's now, `occurredAt` defaults to it (and is stored in one
 * form), the actor's designee powers follow `ActorResolver`'s one rule, and every event's metadata
 * names the actor and both instants. The case command runner is this runner plus the case's own checks.
 */
export class StreamCommandRunner {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly clock: Clock,
    private readonly actors: ActorResolver,
  ) {}

  async run<C, S, E extends DomainEvent, Ctx>(request: RunStreamCommand<C, S, E, Ctx>): Promise<PipelineResult<S, E>> {
    const recordedAt = this.clock.now().toISOString();
    const occurredAt = normalisedInstant(request.occurredAt) ?? recordedAt;
    return this.runAt(request, occurredAt, recordedAt);
  }

  /** As `run`, with the instants already made (the case runner checks them before anything is read). */
  async runAt<C, S, E extends DomainEvent, Ctx>(request: RunStreamCommand<C, S, E, Ctx>, occurredAt: string, recordedAt: string): Promise<PipelineResult<S, E>> {
    const { user, occurredAt: _given, command, ...pipelineRequest } = request;
    const actor = await this.actors.actorAt(user, occurredAt, recordedAt);
    return this.pipeline.execute({
      ...pipelineRequest,
      command: command({ actor, occurredAt, recordedAt }),
      meta: { actor: { userId: actor.userId, role: actor.role }, recordedAt, occurredAt },
    });
  }
}

/** ISO instants are stored in one form (UTC, milliseconds) so that views can compare them; invalid ones are left for the domain to refuse. */
export function normalisedInstant(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}

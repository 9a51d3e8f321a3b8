import type { Actor, DomainEvent } from '@ledger/domain';
import type { CommandActor, CommandPipeline, PipelineRequest, PipelineResult } from '@ledger/ledger';
import type { ActorResolver } from './actor-resolver.js';
import type { Clock, CommandUser } from './command-user.js';

/** The two instants of a command: when the thing happened and when the server records it. */
export interface CommandInstants {
  readonly occurredAt: string;
  readonly recordedAt: string;
}

/** What the runner gives every command: who acts (designee powers resolved) and the two instants. */
export interface CommandBase extends CommandInstants {
  readonly actor: Actor;
}

interface RunRequest<C, S, E extends DomainEvent, Ctx> extends Omit<PipelineRequest<C, S, E, Ctx>, 'command' | 'meta'> {
  /** From the body; default: the server's now. */
  readonly occurredAt?: string;
}

export interface RunStreamCommand<C, S, E extends DomainEvent, Ctx> extends RunRequest<C, S, E, Ctx> {
  readonly user: CommandUser;
  /** The domain command, given the actor and the instants. */
  readonly command: (base: CommandBase) => NoInfer<C>;
}

/**
 * The ledger itself acting, with no signed-in user behind it: the first start, a scheduler, an operator
 * at the CLI. Recorded under this name and role; there are no designee powers to resolve.
 */
export interface SystemActor {
  readonly userId: string;
  readonly role: string;
}

export interface RunSystemCommand<C, S, E extends DomainEvent, Ctx> extends RunRequest<C, S, E, Ctx> {
  readonly system: SystemActor;
  /** The domain command, given the instants. */
  readonly command: (instants: CommandInstants) => NoInfer<C>;
}

/**
 * Load → decide → append for any stream, with the actor, the instants and the metadata made in one
 * place: `recordedAt` is the injected clock's now, `occurredAt` defaults to it (and is stored in one
 * form), the actor's designee powers follow `ActorResolver`'s one rule, and every event's metadata
 * names the actor and both instants. The case command runner is this runner plus the case's own checks.
 * Nothing else in apps/ or libs/ calls `CommandPipeline.execute` (test/docs/commands-through-the-runner.spec.ts).
 */
export class StreamCommandRunner {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly clock: Clock,
    private readonly actors: ActorResolver,
  ) {}

  async run<C, S, E extends DomainEvent, Ctx>(request: RunStreamCommand<C, S, E, Ctx>): Promise<PipelineResult<S, E>> {
    const { occurredAt, recordedAt } = this.instants(request.occurredAt);
    return this.runAt(request, occurredAt, recordedAt);
  }

  /** As `run`, with the instants already made (the case runner checks them before anything is read). */
  async runAt<C, S, E extends DomainEvent, Ctx>(request: RunStreamCommand<C, S, E, Ctx>, occurredAt: string, recordedAt: string): Promise<PipelineResult<S, E>> {
    const { user, occurredAt: _given, command, ...pipelineRequest } = request;
    const actor = await this.actors.actorAt(user, occurredAt, recordedAt);
    return this.append(pipelineRequest, command({ actor, occurredAt, recordedAt }), actor, { occurredAt, recordedAt });
  }

  /** As `run`, for the ledger itself acting (`SystemActor`). */
  async runAsSystem<C, S, E extends DomainEvent, Ctx>(request: RunSystemCommand<C, S, E, Ctx>): Promise<PipelineResult<S, E>> {
    const { system, occurredAt: given, command, ...pipelineRequest } = request;
    const instants = this.instants(given);
    return this.append(pipelineRequest, command(instants), system, instants);
  }

  private instants(given: string | undefined): CommandInstants {
    const recordedAt = this.clock.now().toISOString();
    return { occurredAt: normalisedInstant(given) ?? recordedAt, recordedAt };
  }

  private append<C, S, E extends DomainEvent, Ctx>(
    request: Omit<PipelineRequest<C, S, E, Ctx>, 'command' | 'meta'>,
    command: C,
    actor: CommandActor,
    { occurredAt, recordedAt }: CommandInstants,
  ): Promise<PipelineResult<S, E>> {
    return this.pipeline.execute({ ...request, command, meta: { actor: { userId: actor.userId, role: actor.role }, recordedAt, occurredAt } });
  }
}

/** ISO instants are stored in one form (UTC, milliseconds) so that views can compare them; invalid ones are left for the domain to refuse. */
export function normalisedInstant(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}

import { Inject, Injectable } from '@nestjs/common';
import { type KnownUser, userDecider, userStream } from '@ledger/domain';
import type { CommandPipeline } from '@ledger/ledger';
import { COMMAND_PIPELINE } from '../infrastructure/tokens.js';

/** A user as their own stream says (`user-<id>`), for deciders that must know whom a command names. */
@Injectable()
export class KnownUsers {
  constructor(@Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline) {}

  async knownUser(userId: string): Promise<KnownUser | null> {
    // Only a server-made id can name a stream; anything else names nobody (404 from the decider).
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/.test(userId)) return null;
    const { state } = await this.pipeline.load(userStream(userId), userDecider);
    return state.exists && state.userId !== null && state.role !== null ? { userId: state.userId, role: state.role } : null;
  }
}

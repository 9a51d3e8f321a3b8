import type { Role } from '../vocabulary.js';

/**
 * Who issues a command. The handler resolves `isActiveDesignee` from the roster at the command's
 * `occurredAt` (see `isActiveDesignee` in roster.state.ts), so the deciders stay pure.
 */
export interface Actor {
  readonly userId: string;
  readonly role: Role;
  readonly isActiveDesignee: boolean;
}

/** "Only the Library Director or a designee is authorized to receive or comply with requests from law enforcement." */
export function hasDirectorPowers(actor: Actor): boolean {
  return actor.role === 'director' || (actor.role === 'staff' && actor.isActiveDesignee);
}

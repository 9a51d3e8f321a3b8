import { type PatronKey, type PatronStanding, type PatronState, patronDecider, patronStream, standingThrough } from '@ledger/domain';
import { type CommandPipeline, pseudonymOf } from '@ledger/ledger';

/** A patron as found through one of its identifiers. */
export interface ResolvedPatron {
  /** The patron's own identity: the identifier the others were linked to. */
  readonly patron: PatronKey;
  /** Every identifier of the patron, its own first (an identifier nobody linked: just itself). */
  readonly identifiers: readonly PatronKey[];
}

/**
 * Two links made at the same moment in opposite directions can leave a claim that points at an
 * identifier which was itself claimed since; resolution follows such chains this far.
 */
const MAX_CLAIM_HOPS = 4;

/**
 * One patron, many identifiers: resolves any identifier (by blind index) to the patron it names, from
 * the patron streams themselves (never the views, so a decision reads what was just linked). An
 * identifier nobody linked is its own patron, as before identifiers existed: one stream read.
 */
export class PatronDirectory {
  constructor(private readonly pipeline: CommandPipeline) {}

  private async stateOf(blindIndex: string): Promise<PatronState> {
    return (await this.pipeline.load(patronStream(blindIndex), patronDecider)).state;
  }

  async resolve(blindIndex: string): Promise<ResolvedPatron> {
    return (await this.resolveWithStates(blindIndex)).resolved;
  }

  /**
   * The patron's standing when named by this identifier: the card presented is that identifier's
   * (lost and replaced cards are per identifier), written consents count under any identifier.
   */
  async standing(blindIndex: string): Promise<PatronStanding> {
    const { presented, streams } = await this.resolveWithStates(blindIndex);
    return standingThrough(presented, streams);
  }

  private async resolveWithStates(blindIndex: string): Promise<{ resolved: ResolvedPatron; presented: PatronState; streams: PatronState[] }> {
    const presented = await this.stateOf(blindIndex);
    let owner: PatronKey = { blindIndex, pseudonym: pseudonymOf(blindIndex) };
    let ownerState = presented;
    const seen = new Set([blindIndex]);
    for (let hop = 0; ownerState.ownedBy !== undefined && hop < MAX_CLAIM_HOPS && !seen.has(ownerState.ownedBy.blindIndex); hop += 1) {
      owner = ownerState.ownedBy;
      seen.add(owner.blindIndex);
      ownerState = await this.stateOf(owner.blindIndex);
    }
    const linked = ownerState.identifiers.map(({ blindIndex: linkedIndex, pseudonym }) => ({ blindIndex: linkedIndex, pseudonym }));
    const others = await Promise.all(
      linked.map(async (identifier) => (identifier.blindIndex === blindIndex ? presented : this.stateOf(identifier.blindIndex))),
    );
    const streams = owner.blindIndex === blindIndex ? [presented, ...others] : [ownerState, ...others];
    // A claim written whose link on the owner's stream was not (yet): the identifier still counts as the owner's.
    const identifiers = [owner, ...linked];
    if (!identifiers.some((identifier) => identifier.blindIndex === blindIndex)) {
      identifiers.push({ blindIndex, pseudonym: pseudonymOf(blindIndex) });
      streams.push(presented);
    }
    return { resolved: { patron: owner, identifiers }, presented, streams };
  }
}

import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type PatronCommand, type PatronKey, patronDecider, patronStream } from '@ledger/domain';
import { EVENT_STORE, type EventStore, identifierKeyId, NothingToRecordError, type ProtectedFields } from '@ledger/ledger';
import { type CommandBase, type CommandUser, PatronDirectory, StreamCommandRunner } from '@ledger/runtime';
import { PROTECTED_FIELDS } from '../../infrastructure/tokens.js';
import { LinkPatronIdentifierCommand } from './link-patron-identifier.command.js';
import type { LinkPatronIdentifierResponseDto } from './link-patron-identifier.response.dto.js';

/**
 * One patron, many identifiers. The identifier's own stream decides whether it may join the patron
 * (the one place two links of one identifier can race: its expected revision settles it), then the
 * patron's stream lists it. A crash between the two leaves the identifier naming the patron (the
 * directory counts it) and the same request sent again writes the missing link.
 */
@CommandHandler(LinkPatronIdentifierCommand)
export class LinkPatronIdentifierHandler implements ICommandHandler<LinkPatronIdentifierCommand, LinkPatronIdentifierResponseDto> {
  constructor(
    private readonly runner: StreamCommandRunner,
    @Inject(PROTECTED_FIELDS) private readonly protectedFields: ProtectedFields,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly directory: PatronDirectory,
  ) {}

  async execute(command: LinkPatronIdentifierCommand): Promise<LinkPatronIdentifierResponseDto> {
    const { patron } = await this.directory.resolve(this.protectedFields.identify(command.patronRef).blindIndex);
    const identifier = this.protectedFields.identify(command.identifier);
    if (identifier.blindIndex === patron.blindIndex) return this.answer(patron, identifier, null);
    const claim = await this.recorded(command.user, { type: 'ClaimPatronIdentifier', patron: identifier, owner: patron });
    // Encrypted only once the identifier may join: a refused link makes no key.
    const { encryptedRef } = await this.protectedFields.protect(command.identifier, identifierKeyId(identifier.blindIndex));
    const link = await this.recorded(command.user, { type: 'LinkPatronIdentifier', patron, identifier: { ...identifier, encryptedRef } });
    return this.answer(patron, identifier, link ?? claim);
  }

  /** Where the link stands: the position written, or (nothing new) the ledger's head. */
  private async answer(patron: PatronKey, identifier: PatronKey, written: bigint | null): Promise<LinkPatronIdentifierResponseDto> {
    const position = written ?? (await this.store.headPosition()) ?? 0n;
    return { patronPseudonym: patron.pseudonym, identifierPseudonym: identifier.pseudonym, position: position.toString() };
  }

  /** Runs one command on the stream of the patron key it names; the position written, or null when it was already so. */
  private async recorded(user: CommandUser, command: DistributiveOmit<PatronCommand, keyof CommandBase>): Promise<bigint | null> {
    try {
      const result = await this.runner.run({
        stream: patronStream(command.patron.blindIndex),
        decider: patronDecider,
        user,
        command: (base): PatronCommand => ({ ...command, ...base }),
      });
      return result.position;
    } catch (error) {
      if (error instanceof NothingToRecordError) return null;
      throw error;
    }
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { erasureAnswerShown, erasureStatement, holdIsSealedFor, NotFound, THE_PATRON } from '@ledger/domain';
import { identifierKeyId, type ProtectedFields } from '@ledger/ledger';
import { caseSealsOf } from '@ledger/projections';
import { LIVE_VIEWS, PROTECTED_FIELDS } from '../../infrastructure/tokens.js';
import type { LiveViews } from '@ledger/runtime';
import { RetentionDesk } from '../retention-desk.js';
import type { ErasureAnswerDto, ErasureRequestRecordedDto } from '../retention.response.dto.js';
import { AnswerErasureRequestCommand, RecordErasureRequestCommand } from './answer-erasure-request.command.js';
import { newEntityId } from '@ledger/ledger';

/**
 * "Forget me": every case of the patron (found through the blind index once the views hold every
 * case recorded so far; each re-read from its own stream) is shredded unless a hold or a rule keeps
 * it. The answer records what was kept and why, and a statement for the patron; neither ever mentions a
 * sealed case (its identity is simply kept: "some records must be kept for now").
 */
@CommandHandler(RecordErasureRequestCommand)
export class RecordErasureRequestHandler implements ICommandHandler<RecordErasureRequestCommand, ErasureRequestRecordedDto> {
  constructor(
    private readonly desk: RetentionDesk,
    @Inject(PROTECTED_FIELDS) private readonly protectedFields: ProtectedFields,
  ) {}

  async execute(command: RecordErasureRequestCommand): Promise<ErasureRequestRecordedDto> {
    const named = this.protectedFields.identify(command.patronRef);
    // The request is the patron's, whichever identifier they gave; the card they showed is that identifier's.
    const { patron } = await this.desk.resolvePatron(named.blindIndex);
    const requestId = newEntityId();
    const { requesterKind, channel, identification } = command;
    const cardReportedLost = await this.desk.cardReportedLost(named.blindIndex);
    const result = await this.desk.execute(command.user, (base) => ({ type: 'RecordErasureRequest', ...base, requestId, patron, requesterKind, channel, identification, cardReportedLost }));
    return { requestId, status: 'awaiting_approval', patronPseudonym: patron.pseudonym, revision: result.revision.toString(), position: result.position.toString() };
  }
}

@CommandHandler(AnswerErasureRequestCommand)
export class AnswerErasureRequestHandler implements ICommandHandler<AnswerErasureRequestCommand, ErasureAnswerDto> {
  constructor(
    private readonly desk: RetentionDesk,
    @Inject(PROTECTED_FIELDS) private readonly protectedFields: ProtectedFields,
    @Inject(LIVE_VIEWS) private readonly views: LiveViews,
  ) {}

  async execute(command: AnswerErasureRequestCommand): Promise<ErasureAnswerDto> {
    const { requestId } = command;
    const recorded = (await this.desk.load()).pendingErasures[requestId];
    if (!recorded) throw new NotFound('No erasure request awaiting approval with this id');
    const patron = { blindIndex: recorded.blindIndex, pseudonym: recorded.pseudonym };
    const cases = await this.desk.patronCases(patron.blindIndex);
    const resolved = await this.desk.resolvePatron(patron.blindIndex);
    const identifiers = new Set(resolved.identifiers.map((identifier) => identifier.blindIndex));
    // The linked identifiers' ciphertexts on the patron's stream go too when nothing of the patron is kept.
    const identifierKeys = resolved.identifiers.filter((identifier) => identifier.blindIndex !== resolved.patron.blindIndex).map((identifier) => identifierKeyId(identifier.blindIndex));
    const result = await this.desk.execute(command.user, (base) => ({
      type: 'AnswerErasureRequest',
      ...base,
      requestId,
      cases,
      fingerprints: this.desk.fingerprints([...new Set(cases.map((facts) => facts.keyId)), ...identifierKeys]),
      ...(identifierKeys.length > 0 && { identifierKeys }),
    }));
    const answer = result.events.find((event) => event.type === 'ErasureRequestAnswered');
    if (answer?.type !== 'ErasureRequestAnswered') throw new Error('AnswerErasureRequest recorded no answer');
    // Staff read the answer out to the patron: it says what the patron may hear, and a sealed case is
    // not among that (whatMayBeShown(THE_PATRON, …)), whoever asks.
    const seals = caseSealsOf(this.views.db, cases.map((facts) => facts.caseId));
    const sealOf = (caseId: string) => seals.get(caseId);
    const unnamedHoldIds = (await this.desk.load()).holds
      .filter(({ target }) => holdIsSealedFor(THE_PATRON, 'caseId' in target ? [sealOf(target.caseId)] : identifiers.has(target.patron.blindIndex) ? [...seals.values()] : []))
      .map((hold) => hold.holdId);
    const shown = erasureAnswerShown(answer.data, sealOf, unnamedHoldIds);
    return {
      requestId,
      patronPseudonym: patron.pseudonym,
      outcomes: shown.outcomes.map((outcome) => ({ ...outcome })),
      someRecordsKept: shown.someRecordsKept,
      statement: erasureStatement(shown),
      revision: result.revision.toString(),
      position: result.position.toString(),
    };
  }
}

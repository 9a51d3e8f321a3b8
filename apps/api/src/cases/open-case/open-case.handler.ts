import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { patronDecider } from '@ledger/domain';
import { caseKeyId, type CommandPipeline, type ProtectedFields } from '@ledger/ledger';
import { COMMAND_PIPELINE, PROTECTED_FIELDS } from '../../infrastructure/tokens.js';
import { CaseCommandRunner, caseCommandResult } from '../case-command-runner.js';
import { OpenCaseCommand, type OpenedCase } from './open-case.command.js';

@CommandHandler(OpenCaseCommand)
export class OpenCaseHandler implements ICommandHandler<OpenCaseCommand, OpenedCase> {
  constructor(
    private readonly cases: CaseCommandRunner,
    @Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline,
    @Inject(PROTECTED_FIELDS) private readonly protectedFields: ProtectedFields,
  ) {}

  async execute(command: OpenCaseCommand): Promise<OpenedCase> {
    const caseId = randomUUID();
    // The reference is encrypted (under this case's own key, so it can be shredded on the case's schedule)
    // and blind-indexed here; from now on only those travel.
    const { blindIndex, pseudonym, encryptedRef } = await this.protectedFields.protect(command.patron.ref, caseKeyId(caseId));
    const result = await this.cases.run({
      caseId,
      user: command.user,
      occurredAt: command.occurredAt,
      opens: true,
      command: (base) => ({
        type: 'OpenCase',
        ...base,
        requester: command.requester,
        channel: command.channel,
        patron: { blindIndex, pseudonym, encryptedRef, ...(command.patron.isMinor !== undefined && { isMinor: command.patron.isMinor }) },
        requestedCategories: command.requestedCategories,
        identification: command.identification,
        ...(command.purpose !== undefined && { purpose: command.purpose }),
      }),
      // Lost card? Written consents? The patron's own stream says.
      context: async () => ({ patron: (await this.pipeline.load(`patron-${blindIndex}`, patronDecider)).state }),
    });
    const opened = result.events.find((event) => event.type === 'DisclosureRequested');
    if (opened?.type !== 'DisclosureRequested') throw new Error('OpenCase recorded no DisclosureRequested');
    return { ...caseCommandResult(caseId, result), evaluation: opened.data.evaluation };
  }
}

import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandPipeline, ProtectedFields } from '@ledger/ledger';
import { CaseOpening, type OpenedCase } from '@ledger/runtime';
import { COMMAND_PIPELINE, PROTECTED_FIELDS } from '../../infrastructure/tokens.js';
import { CaseCommandRunner } from '../case-command-runner.js';
import { OpenCaseCommand } from './open-case.command.js';

@CommandHandler(OpenCaseCommand)
export class OpenCaseHandler implements ICommandHandler<OpenCaseCommand, OpenedCase> {
  private readonly opening: CaseOpening;

  constructor(
    cases: CaseCommandRunner,
    @Inject(COMMAND_PIPELINE) pipeline: CommandPipeline,
    @Inject(PROTECTED_FIELDS) protectedFields: ProtectedFields,
  ) {
    this.opening = new CaseOpening(cases, pipeline, protectedFields);
  }

  execute(command: OpenCaseCommand): Promise<OpenedCase> {
    return this.opening.open(command);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { assertCaseIdShape, type CaseCommand, publishedReports, TRANSPARENCY_STREAM, transparencyDecider } from '@ledger/domain';
import { caseKeyId, type CommandPipeline, type ProtectedFields, type ProtectedPatronRef } from '@ledger/ledger';
import { CaseOpening, type CommandUser } from '@ledger/runtime';
import { COMMAND_PIPELINE, PROTECTED_FIELDS } from '../infrastructure/tokens.js';
import { CaseCommandRunner, caseCommandResult } from './case-command-runner.js';
import type { CaseCommandRequestDto } from './case-command.request.dto.js';
import type { CaseContextSources, OnCaseCommand, OpeningCommand } from './case-commands.table.js';
import { KnownUsers } from './known-users.js';

/** Who gives a command on which case, and the revision they last saw (`If-Match`). */
export interface CaseCommandTarget {
  readonly caseId: string;
  readonly user: CommandUser;
  readonly ifMatch?: bigint;
}

/**
 * Runs an entry of the case command table with a validated body, straight to the case stream's runner
 * (load, decide, append), which resolves the actor and the instants. The API's routes and the case
 * page's forms both run commands here, so they are decided alike.
 */
@Injectable()
export class CaseCommands {
  /** Opening a case: the patron reference protected first (the desk page and the benchmark open cases here too). */
  readonly opening: CaseOpening;
  private readonly sources: CaseContextSources;

  constructor(
    private readonly runner: CaseCommandRunner,
    users: KnownUsers,
    @Inject(COMMAND_PIPELINE) pipeline: CommandPipeline,
    @Inject(PROTECTED_FIELDS) private readonly protectedFields: ProtectedFields,
  ) {
    this.opening = new CaseOpening(runner, pipeline, protectedFields);
    this.sources = {
      patron: runner.patronContext,
      knownUser: (userId) => users.knownUser(userId),
      publishedTransparencyReports: async () => publishedReports((await pipeline.load(TRANSPARENCY_STREAM, transparencyDecider)).state).map((report) => report.document.reportId),
    };
  }

  /** A command on an existing case: answers the case's revision, position and status (+ what the entry adds). */
  async run<D extends CaseCommandRequestDto>(entry: OnCaseCommand<CaseCommand['type'], D>, target: CaseCommandTarget, body: D): Promise<object> {
    const fields = await entry.fields(body, (ref) => this.protectOnCase(target.caseId, ref));
    const result = await this.runner.run({
      ...target,
      ...(body.occurredAt !== undefined && { occurredAt: body.occurredAt }),
      command: (base) => ({ type: entry.type, ...base, ...fields }) as CaseCommand,
      ...(entry.context && { context: entry.context(this.sources, fields) }),
    });
    return { ...caseCommandResult(target.caseId, result), ...entry.answer?.(fields) };
  }

  /** A patron reference encrypted under the case's own key (shredded with the case's identities) and blind-indexed. */
  private protectOnCase(caseId: string, ref: string): Promise<ProtectedPatronRef> {
    assertCaseIdShape(caseId);
    return this.protectedFields.protect(ref, caseKeyId(caseId));
  }

  /** A command that opens a case (the case id is the server's). */
  open<D extends object>(entry: OpeningCommand<CaseCommand['type'], D>, body: D, user: CommandUser): Promise<object> {
    return entry.open(this.opening, body, user);
  }
}

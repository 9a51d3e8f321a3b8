import { Inject, Injectable } from '@nestjs/common';
import { type TransparencyCommand, transparencyDecider, type TransparencyState, TRANSPARENCY_STREAM } from '@ledger/domain';
import { EVENT_STORE, type CommandPipeline, type EventStore, LEDGER_LOG, type LedgerConfig, type LedgerLog, newEntityId } from '@ledger/ledger';
import { type CommandBase, prepareTransparencyDocument, StreamCommandRunner } from '@ledger/runtime';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { type Clock, CLOCK, COMMAND_PIPELINE, LEDGER_CONFIG } from '../infrastructure/tokens.js';
import type { PrepareTransparencyReportRequestDto } from './transparency.request.dto.js';

/** The transparency stream: reports prepared at a checkpoint and signed by the log key, approved, read for the public page. */
@Injectable()
export class TransparencyDesk {
  constructor(
    private readonly runner: StreamCommandRunner,
    @Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LEDGER_LOG) private readonly log: LedgerLog,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LEDGER_CONFIG) private readonly config: Pick<LedgerConfig, 'timeZone'>,
  ) {}

  async prepare(body: PrepareTransparencyReportRequestDto, user: AuthenticatedUser) {
    const reportId = newEntityId();
    const preparedAt = this.clock.now().toISOString();
    const { document, note } = await prepareTransparencyDocument(this.store, this.log, {
      reportId,
      period: { from: body.period.from, to: body.period.to },
      structure: body.nationalSecurityStructure,
      smallNumberThreshold: body.smallNumberThreshold ?? 0,
      ...(body.supersedes !== undefined && { supersedes: body.supersedes }),
      preparedAt,
      timeZone: this.config.timeZone,
    });
    const result = await this.run(user, (base) => ({ type: 'PrepareTransparencyReport', document, note, ...base }));
    return { reportId, checkpointSize: document.checkpoint.size, revision: result.revision.toString(), position: result.position.toString() };
  }

  async approve(reportId: string, user: AuthenticatedUser) {
    const result = await this.run(user, (base) => ({ type: 'ApproveTransparencyReport', reportId, ...base }));
    return { reportId, url: `/transparency/${reportId}`, revision: result.revision.toString(), position: result.position.toString() };
  }

  async state(): Promise<TransparencyState> {
    return (await this.pipeline.load(TRANSPARENCY_STREAM, transparencyDecider)).state;
  }

  private run(user: AuthenticatedUser, command: (base: CommandBase) => TransparencyCommand) {
    return this.runner.run({ stream: TRANSPARENCY_STREAM, decider: transparencyDecider, user, command });
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { type PatronCommand, patronDecider } from '@ledger/domain';
import type { ProtectedFields } from '@ledger/ledger';
import { StreamCommandRunner } from '@ledger/runtime';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { PROTECTED_FIELDS } from '../infrastructure/tokens.js';
import { type PatronCommandResult, patronStream } from './patron-desk.js';

/** Records a card reported lost or replaced on the patron's stream: the two differ only in the command. */
@Injectable()
export class CardReportRecorder {
  constructor(
    private readonly runner: StreamCommandRunner,
    @Inject(PROTECTED_FIELDS) private readonly protectedFields: ProtectedFields,
  ) {}

  async record(
    type: 'ReportCardLost' | 'ReportCardReplaced',
    report: { readonly patronRef: string; readonly occurredAt: string | undefined; readonly user: AuthenticatedUser },
  ): Promise<PatronCommandResult> {
    const { blindIndex, pseudonym } = this.protectedFields.identify(report.patronRef);
    const result = await this.runner.run({
      stream: patronStream(blindIndex),
      decider: patronDecider,
      user: report.user,
      ...(report.occurredAt !== undefined && { occurredAt: report.occurredAt }),
      command: (base): PatronCommand => ({ type, patron: { blindIndex, pseudonym }, ...base }),
    });
    return { revision: result.revision.toString(), position: result.position.toString() };
  }
}

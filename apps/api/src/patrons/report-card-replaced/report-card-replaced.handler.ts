import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CardReportRecorder } from '../card-report.recorder.js';
import type { PatronCommandResult } from '../patron-desk.js';
import { ReportCardReplacedCommand } from './report-card-replaced.command.js';

@CommandHandler(ReportCardReplacedCommand)
export class ReportCardReplacedHandler implements ICommandHandler<ReportCardReplacedCommand, PatronCommandResult> {
  constructor(private readonly cards: CardReportRecorder) {}

  execute(command: ReportCardReplacedCommand): Promise<PatronCommandResult> {
    return this.cards.record('ReportCardReplaced', command);
  }
}

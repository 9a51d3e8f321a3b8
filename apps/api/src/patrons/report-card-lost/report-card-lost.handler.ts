import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CardReportRecorder } from '../card-report.recorder.js';
import type { PatronCommandResult } from '../patron-desk.js';
import { ReportCardLostCommand } from './report-card-lost.command.js';

@CommandHandler(ReportCardLostCommand)
export class ReportCardLostHandler implements ICommandHandler<ReportCardLostCommand, PatronCommandResult> {
  constructor(private readonly cards: CardReportRecorder) {}

  execute(command: ReportCardLostCommand): Promise<PatronCommandResult> {
    return this.cards.record('ReportCardLost', command);
  }
}

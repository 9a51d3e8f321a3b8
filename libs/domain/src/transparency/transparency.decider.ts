import { assertNever, type Decider } from '../shared/decider.js';
import { CaseStateConflict, InvalidCommand, NotFound } from '../shared/errors.js';
import type { Actor } from '../policy/actor.js';
import { forbiddenBy } from '../policy/rules.js';
import { assertText } from '../support/command-checks.js';
import { assertOccurredAtPlausible } from '../support/iso-time.js';
import type { Role } from '../vocabulary.js';
import { assertReportPeriod, TRANSPARENCY_REPORT_SCHEMA } from './transparency-report.js';
import type { TransparencyCommand } from './transparency.commands.js';
import type { TransparencyEvent } from './transparency.events.js';
import { evolveTransparency, initialTransparencyState, type TransparencyState } from './transparency.state.js';

function requireRole(actor: Actor, role: Role, what: string): void {
  if (actor.role !== role) throw forbiddenBy('ROLE-NOT-PERMITTED', `${what}: ${role} only`);
}

/**
 * The director prepares, counsel approves and so publishes. A published report is never changed:
 * a correction is a new report naming the one it supersedes, which must be published and not yet
 * corrected by another.
 */
export function decideTransparency(command: TransparencyCommand, state: TransparencyState): TransparencyEvent[] {
  assertOccurredAtPlausible(command.occurredAt, command.recordedAt);
  const { occurredAt } = command;
  switch (command.type) {
    case 'PrepareTransparencyReport': {
      requireRole(command.actor, 'director', 'a transparency report is prepared by');
      const { document, note } = command;
      assertText(document.reportId, 'reportId');
      // The document comes from the server's own computation, but a stored report must name the schema it follows.
      if ((document.schema as string) !== TRANSPARENCY_REPORT_SCHEMA) throw new InvalidCommand('The report must follow disclosure-ledger/transparency-report/v1', 'schema');
      if (state.reports[document.reportId]) throw new CaseStateConflict(`Report ${document.reportId} exists already`);
      assertReportPeriod(document.period, document.nationalSecurityStructure, document.preparedAt, document.timeZone);
      assertText(note, 'note', 8192);
      if (document.supersedes !== undefined) {
        const corrected = state.reports[document.supersedes];
        if (!corrected) throw new NotFound(`No report ${document.supersedes} to supersede`);
        if (corrected.status !== 'published') throw new CaseStateConflict(`Report ${document.supersedes} is a draft: correct it by preparing it again, not by superseding it`);
        if (corrected.supersededBy !== undefined) throw new CaseStateConflict(`Report ${document.supersedes} was superseded already by ${corrected.supersededBy}`);
      }
      return [{ type: 'TransparencyReportPrepared', data: { reportId: document.reportId, document, note, occurredAt, by: command.actor.userId } }];
    }
    case 'ApproveTransparencyReport': {
      requireRole(command.actor, 'counsel', 'a transparency report is approved by');
      const report = state.reports[command.reportId];
      if (!report) throw new NotFound('No such transparency report');
      if (report.status === 'published') throw new CaseStateConflict(`Report ${command.reportId} was published on ${report.publishedAt}`);
      const corrected = report.document.supersedes;
      const other = corrected === undefined ? undefined : state.reports[corrected]?.supersededBy;
      if (other !== undefined) throw new CaseStateConflict(`Report ${corrected} was superseded already by ${other}`);
      return [{ type: 'TransparencyReportApproved', data: { reportId: command.reportId, occurredAt, by: command.actor.userId } }];
    }
    default:
      return assertNever(command, 'transparency command');
  }
}

export const transparencyDecider: Decider<TransparencyCommand, TransparencyState, TransparencyEvent> = {
  initialState: initialTransparencyState,
  evolve: evolveTransparency,
  decide: decideTransparency,
};

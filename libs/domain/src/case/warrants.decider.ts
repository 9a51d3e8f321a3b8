import { CaseStateConflict } from '../shared/errors.js';
import { inVocabularyOrder, isSubset, union, without } from '../support/category-sets.js';
import { definedOnly } from '../support/command-checks.js';
import { hasDirectorPowers } from '../policy/actor.js';
import { violationOf } from '../policy/rules.js';
import type { RecordLegalInstrument, RecordWarrantExecution } from './case.commands.js';
import type { CaseEvent } from './case.events.js';
import type { ExistingCase } from './case.state.js';
import type { CaseDecisionContext } from './case.context.js';
import { base, FRONT_DESK_ROLES, requireDirectorPowers, requireNotClosed, requireRole } from './case-checks.js';
import { parseRecordLegalInstrument, parseRecordWarrantExecution } from './case-command.parsers.js';

// Legal instruments and warrants (Disclosure to Law Enforcement, step 3): what was served on the
// library, and what a search warrant executed on the spot took.

export function recordLegalInstrument(command: RecordLegalInstrument, state: ExistingCase, context: CaseDecisionContext = {}): CaseEvent[] {
  parseRecordLegalInstrument(command);
  // The law does not wait for the Director: staff may record a search warrant served on them (the case
  // then goes to the Director, and a finding asks for the Director's review). Every other instrument is
  // the Director's to receive.
  const staffRecorded = !hasDirectorPowers(command.actor) && command.actor.role === 'staff' && command.instrumentType === 'search_warrant';
  if (!staffRecorded) requireDirectorPowers(command.actor);
  requireNotClosed(state, 'record a legal instrument');
  if (state.instruments.some((instrument) => instrument.instrumentId === command.instrumentId)) {
    throw new CaseStateConflict(`Instrument ${command.instrumentId} is already on record`);
  }
  const { from, to } = command.scope;
  return [
    {
      type: 'LegalInstrumentRecorded',
      data: definedOnly({
        ...base(command),
        instrumentId: command.instrumentId,
        type: command.instrumentType,
        issuedBy: command.issuedBy,
        court: command.court,
        docketNumber: command.docketNumber,
        servedAt: command.servedAt,
        servedOn: command.servedOn,
        returnDate: command.returnDate,
        scope: definedOnly({ categories: inVocabularyOrder(command.scope.categories), from, to }),
        nondisclosureOrder: command.nondisclosureOrder,
        documentSha256: command.documentSha256,
        jurisdiction: command.jurisdiction,
        // Its periods in days are counted on the calendar of the library it was served on, kept with it for every replay.
        timeZone: context.timeZone,
        ...(staffRecorded && { staffRecorded: true as const }),
      }),
    },
  ];
}

export function recordWarrantExecution(command: RecordWarrantExecution, state: ExistingCase): CaseEvent[] {
  parseRecordWarrantExecution(command);
  // A warrant is executed on the spot by whoever is at the desk; staff record it, they release nothing.
  requireRole(command.actor, FRONT_DESK_ROLES);
  requireNotClosed(state, 'record a warrant execution');

  const warrants = state.instruments.filter(
    (instrument) =>
      instrument.type === 'search_warrant' &&
      (command.instrumentId === undefined || instrument.instrumentId === command.instrumentId),
  );
  if (warrants.length === 0) {
    throw violationOf(
      'LE-WARRANT-REQUIRED',
      command.instrumentId === undefined ? 'no search warrant on record' : `${command.instrumentId} is not a search warrant on record`,
    );
  }
  const covering = [...warrants].reverse().find((warrant) => isSubset(command.categories, warrant.scopeCategories));
  if (covering === undefined) {
    const outside = without(command.categories, union(...warrants.map((warrant) => warrant.scopeCategories)));
    throw violationOf(
      'LE-SCOPE',
      outside.length > 0 ? `outside the warrant: ${outside.join(', ')}` : 'no single warrant covers all of these',
    );
  }
  return [
    {
      type: 'WarrantExecuted',
      data: definedOnly({
        ...base(command),
        instrumentId: covering.instrumentId,
        categories: inVocabularyOrder(command.categories),
        officers: command.officers,
        inventory: command.inventory,
        counselPresent: command.counselPresent,
        ...(!hasDirectorPowers(command.actor) && { staffRecorded: true as const }),
      }),
    },
  ];
}

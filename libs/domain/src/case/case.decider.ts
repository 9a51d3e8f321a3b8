import { assertNever, type Decider } from '../shared/decider.js';
import type { CaseCommand } from './case.commands.js';
import type { CaseDecisionContext } from './case.context.js';
import { DEFAULT_JURISDICTION } from '../policy/jurisdictions.js';
import { citedUnder } from '../policy/rules.js';
import type { CaseEvent } from './case.events.js';
import { evolveCase, initialCaseState, type CaseState } from './case.state.js';
import { existingCase } from './case-checks.js';
import { parseCaseId } from './case-command.parsers.js';
import { sealedRefusal, whatMayBeShown } from './what-may-be-shown.js';
import { openCase, recordWellnessCheck } from './case-opening.decider.js';
import { recordRelease, referToDirector, refuseRequest } from './front-desk.decider.js';
import { recordLegalInstrument, recordWarrantExecution } from './warrants.decider.js';
import { addAttachment, addCaseNote } from './case-notes.decider.js';
import { attachPatrons } from './resource-requests.decider.js';
import { challengeNondisclosure, endNondisclosure, recordPatronNotice } from './nondisclosure.decider.js';
import { confirmEarlierTime, decideRelease, explainPolicy, grantNeedToKnow, recordCounselAdvice, recordProduction, referToCounsel } from './directors-path.decider.js';

/**
 * A case's decider. Its sections live apart: opening (`case-opening.decider.ts`), the front desk
 * (`front-desk.decider.ts`), instruments and warrants (`warrants.decider.ts`) and the director's path
 * (`directors-path.decider.ts`) and the life of a non-disclosure order (`nondisclosure.decider.ts`); each command's shape is checked by its parser in
 * `case-command.parsers.ts` before any rule, and the checks they share are in `case-checks.ts`.
 * Every refusal is cited under the context's jurisdiction.
 */
export function decideCase(command: CaseCommand, state: CaseState, given: CaseDecisionContext = {}): CaseEvent[] {
  const context: CaseDecisionContext = { ...given, jurisdiction: given.jurisdiction ?? DEFAULT_JURISDICTION };
  try {
    return decideUnder(command, state, context);
  } catch (error) {
    throw citedUnder(error, context.jurisdiction!);
  }
}

function decideUnder(command: CaseCommand, state: CaseState, context: CaseDecisionContext): CaseEvent[] {
  parseCaseId(command);
  admitsToCase(command, state);
  switch (command.type) {
    case 'OpenCase':
      return openCase(command, state, context);
    case 'RecordWellnessCheck':
      return recordWellnessCheck(command, state);
    case 'RecordRelease':
      return recordRelease(command, existingCase(state, command), context);
    case 'RefuseRequest':
      return refuseRequest(command, existingCase(state, command));
    case 'ReferToDirector':
      return referToDirector(command, existingCase(state, command));
    case 'RecordLegalInstrument':
      return recordLegalInstrument(command, existingCase(state, command), context);
    case 'ExplainPolicy':
      return explainPolicy(command, existingCase(state, command));
    case 'ReferToCounsel':
      return referToCounsel(command, existingCase(state, command), context);
    case 'RecordCounselAdvice':
      return recordCounselAdvice(command, existingCase(state, command));
    case 'DecideRelease':
      return decideRelease(command, existingCase(state, command), context);
    case 'RecordProduction':
      return recordProduction(command, existingCase(state, command), context);
    case 'RecordWarrantExecution':
      return recordWarrantExecution(command, existingCase(state, command));
    case 'GrantNeedToKnow':
      return grantNeedToKnow(command, existingCase(state, command), context);
    case 'ConfirmEarlierTime':
      return confirmEarlierTime(command, existingCase(state, command));
    case 'EndNondisclosure':
      return endNondisclosure(command, existingCase(state, command), context);
    case 'ChallengeNondisclosure':
      return challengeNondisclosure(command, existingCase(state, command), context);
    case 'RecordPatronNotice':
      return recordPatronNotice(command, existingCase(state, command), context);
    case 'AttachPatrons':
      return attachPatrons(command, existingCase(state, command));
    case 'AddCaseNote':
      return addCaseNote(command, existingCase(state, command));
    case 'AddAttachment':
      return addAttachment(command, existingCase(state, command));
    default:
      return assertNever(command, 'case command');
  }
}

/**
 * A sealed case refuses every command of an actor it does not name with 403 SEALED, whatever the
 * command, as it does on reading: a status, a rule or a revision in another answer would tell them
 * about the case (docs/policy-decisions.md, R13). Who acts is otherwise each command's own rule.
 */
function admitsToCase(command: CaseCommand, state: CaseState): void {
  if (state.exists && whatMayBeShown(command.actor, state) === 'sealed') throw sealedRefusal();
}

export const caseDecider: Decider<CaseCommand, CaseState, CaseEvent, CaseDecisionContext> = {
  initialState: initialCaseState,
  evolve: evolveCase,
  decide: decideCase,
  admits: admitsToCase,
};

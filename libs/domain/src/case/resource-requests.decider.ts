import { CaseStateConflict, InvalidCommand } from '../shared/errors.js';
import { PATRONS_MAX } from '../shared/field-limits.js';
import type { AttachPatrons, RecordProduction } from './case.commands.js';
import type { CaseEvent } from './case.events.js';
import type { ExistingCase } from './case.state.js';
import { base, requireDirectorPowers, requireNotClosed } from './case-checks.js';
import { parseAttachPatrons } from './case-command.parsers.js';

// A request about a resource or a transaction (third reading, issue #25 item 6): no patron is known at
// the desk; once identified, the Director attaches the patrons found, and a production names whose
// records went out.

export function attachPatrons(command: AttachPatrons, state: ExistingCase): CaseEvent[] {
  const patrons = parseAttachPatrons(command);
  requireDirectorPowers(command.actor);
  if (state.subject === undefined) throw new CaseStateConflict('This request names its patron: patrons are attached only to a request about a resource or a transaction');
  requireNotClosed(state, 'attach patrons');
  const known = new Set((state.attachedPatrons ?? []).map((patron) => patron.blindIndex));
  const added = patrons.filter((patron, index) => !known.has(patron.blindIndex) && patrons.findIndex((other) => other.blindIndex === patron.blindIndex) === index);
  if (added.length === 0) throw new CaseStateConflict('Every one of these patrons is already attached');
  return [{ type: 'PatronsAttached', data: { ...base(command), patrons: added } }];
}

/**
 * Whose records a production hands over, on a request about a resource or a transaction: attached
 * patrons only, named by their pseudonyms, and named whenever any patron is attached (so that the
 * record says whose records went out). Elsewhere the case's own patron is meant, and none is named.
 */
export function producedPatronsOf(command: RecordProduction, state: ExistingCase): readonly string[] | undefined {
  if (state.subject === undefined) {
    if (command.patrons !== undefined) throw new InvalidCommand('patrons are named only on a request about a resource or a transaction', 'patrons');
    return undefined;
  }
  const attached = (state.attachedPatrons ?? []).map((patron) => patron.pseudonym);
  if (command.patrons === undefined) {
    if (attached.length > 0) throw new InvalidCommand('name the attached patrons whose records are handed over (their pseudonyms)', 'patrons');
    return undefined;
  }
  if (!Array.isArray(command.patrons) || command.patrons.length === 0 || command.patrons.length > PATRONS_MAX || command.patrons.some((pseudonym) => typeof pseudonym !== 'string')) {
    throw new InvalidCommand(`patrons must be a list of 1 to ${PATRONS_MAX} pseudonyms`, 'patrons');
  }
  const named: readonly string[] = command.patrons;
  const unknown = named.filter((pseudonym) => !attached.includes(pseudonym));
  // The values are not repeated back: a card number given where a pseudonym belongs would be echoed in the answer.
  if (unknown.length > 0) throw new InvalidCommand(`${unknown.length} of the patrons named are not attached to this case: name them by the pseudonyms the case shows`, 'patrons');
  return [...new Set(named)];
}

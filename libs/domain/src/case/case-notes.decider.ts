import { InvalidCommand, NotFound } from '../shared/errors.js';
import { ATTACHMENT_BYTES_MAX } from '../shared/field-limits.js';
import { forbiddenBy } from '../policy/rules.js';
import type { Actor } from '../policy/actor.js';
import type { AddAttachment, AddCaseNote } from './case.commands.js';
import type { CaseEvent } from './case.events.js';
import type { ExistingCase } from './case.state.js';
import { base } from './case-checks.js';
import { parseDeclaredFields } from './case-command.fields.js';
import { CASE_COMMAND_FIELDS } from './case.commands.js';
import { sealedRefusal, whatMayBeShown } from './what-may-be-shown.js';

// What the people on a case write down and scan into it: notes and attachments. Both belong to the
// case as any event does, so they are sealed with it and leave with its case file.

export function addCaseNote(command: AddCaseNote, state: ExistingCase): CaseEvent[] {
  parseDeclaredFields(command, CASE_COMMAND_FIELDS.AddCaseNote);
  requireActsOnCase(command.actor, state, 'add a note');
  return [{ type: 'CaseNoteAdded', data: { ...base(command), noteId: command.noteId, text: command.text } }];
}

export function addAttachment(command: AddAttachment, state: ExistingCase): CaseEvent[] {
  parseDeclaredFields(command, CASE_COMMAND_FIELDS.AddAttachment);
  if (!Number.isInteger(command.size) || command.size < 1 || command.size > ATTACHMENT_BYTES_MAX) {
    throw new InvalidCommand(`An attachment holds 1 to ${ATTACHMENT_BYTES_MAX} bytes`, 'content');
  }
  if (!/^[0-9a-f]{64}$/.test(command.sha256)) throw new InvalidCommand('sha256 is the SHA-256 of the content, 64 lower-case hex digits', 'sha256');
  requireActsOnCase(command.actor, state, 'attach a document');
  if (command.kind === 'instrument') {
    if (command.instrumentId === undefined) throw new InvalidCommand('The scan of an instrument names the instrument (instrumentId)', 'instrumentId');
    if (!state.instruments.some((instrument) => instrument.instrumentId === command.instrumentId)) throw new NotFound('No such instrument on this case');
  } else if (command.instrumentId !== undefined) {
    throw new InvalidCommand('A consent is not an instrument: leave instrumentId out', 'instrumentId');
  }
  const { attachmentId, kind, instrumentId, filename, mediaType, size, sha256 } = command;
  return [{ type: 'AttachmentAdded', data: { ...base(command), attachmentId, kind, ...(instrumentId !== undefined && { instrumentId }), filename, mediaType, size, sha256 } }];
}

/**
 * Who may write on a case: whoever may read all of it and has a part in it — the Director, an active
 * designee, the counsel it is referred to, the staff member who opened it, a user granted need-to-know.
 * A sealed case refuses those it does not name as it does on reading (403 SEALED); an auditor observes
 * and writes nothing on a case.
 */
function requireActsOnCase(actor: Actor, state: ExistingCase, what: string): void {
  const access = whatMayBeShown(actor, state);
  if (access === 'sealed') throw sealedRefusal();
  if (access !== 'full') throw forbiddenBy('ROLE-NOT-PERMITTED', `only those on the case may ${what}`);
}

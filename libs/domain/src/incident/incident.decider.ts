import { assertNever, type Decider } from '../shared/decider.js';
import { CaseStateConflict, InvalidCommand, NotFound } from '../shared/errors.js';
import { forbiddenBy } from '../policy/rules.js';
import { assertOneOf, assertOptionalText, assertText, definedOnly } from '../support/command-checks.js';
import { AFFECTED_PATRONS_MAX, INCIDENT_SYSTEMS_MAX, NAME_MAX, TEXT_MAX } from '../shared/field-limits.js';
import { assertOccurredAtPlausible, instantOf } from '../support/iso-time.js';
import type { IncidentCommand } from './incident.commands.js';
import { type IncidentEvent, NOTIFICATION_METHODS } from './incident.events.js';
import { evolveIncident, initialIncidentState, type IncidentState } from './incident.state.js';

export function decideIncident(command: IncidentCommand, state: IncidentState): IncidentEvent[] {
  assertOccurredAtPlausible(command.occurredAt, command.recordedAt);
  // The policy's promise ("the Library will notify anyone who may be affected") is the director's to keep.
  if (command.actor.role !== 'director') throw forbiddenBy('ROLE-NOT-PERMITTED', 'breach incidents: the director only');
  assertText(command.incidentId, 'incidentId');
  const by = command.actor.userId;
  switch (command.type) {
    case 'RecordBreachIncident': {
      if (state.recorded) throw new CaseStateConflict(`Incident ${command.incidentId} is already recorded`);
      if (instantOf(command.discoveredAt, 'discoveredAt') > Date.parse(command.recordedAt)) {
        throw new InvalidCommand('discoveredAt may not be in the future', 'discoveredAt');
      }
      assertText(command.description, 'description', TEXT_MAX);
      if (!Array.isArray(command.systems) || command.systems.length === 0 || command.systems.length > INCIDENT_SYSTEMS_MAX) {
        throw new InvalidCommand(`systems must name 1 to ${INCIDENT_SYSTEMS_MAX} systems`, 'systems');
      }
      command.systems.forEach((system, i) => assertText(system, `systems.${i}`, NAME_MAX));
      assertOptionalText(command.affectedGroup, 'affected.group', TEXT_MAX);
      if (command.affectedPatrons.length === 0 && !command.affectedGroup?.trim()) {
        throw new InvalidCommand('affected must list patrons or describe a group', 'affected');
      }
      if (command.affectedPatrons.length > AFFECTED_PATRONS_MAX) {
        throw new InvalidCommand(`affected.patronRefs may list at most ${AFFECTED_PATRONS_MAX} patrons; describe a larger group`, 'affected.patronRefs');
      }
      const seen = new Set<string>();
      const affectedPatrons = command.affectedPatrons.filter((patron) => !seen.has(patron.blindIndex) && seen.add(patron.blindIndex));
      return [
        {
          type: 'BreachIncidentRecorded',
          data: definedOnly({
            incidentId: command.incidentId,
            discoveredAt: command.discoveredAt,
            description: command.description.trim(),
            systems: command.systems.map((system) => system.trim()),
            affectedPatrons,
            affectedGroup: command.affectedGroup?.trim() || undefined,
            occurredAt: command.occurredAt,
            by,
          }),
        },
      ];
    }
    case 'RecordBreachNotification': {
      if (!state.recorded) throw new NotFound('No such incident');
      assertText(command.notificationId, 'notificationId');
      assertOneOf(command.method, NOTIFICATION_METHODS, 'method');
      const notifiedAt = instantOf(command.notifiedAt, 'notifiedAt');
      if (notifiedAt > Date.parse(command.recordedAt)) throw new InvalidCommand('notifiedAt may not be in the future', 'notifiedAt');
      if (notifiedAt < Date.parse(state.discoveredAt)) throw new InvalidCommand('notifiedAt may not be before the breach was discovered', 'notifiedAt');
      // A notice dated far back is a typing error or an attempt to beat the clock; the limit is the one new cases have.
      if (Date.parse(command.recordedAt) - notifiedAt > command.maxBackdateDays * 86_400_000) {
        throw new InvalidCommand(`notifiedAt may be at most ${command.maxBackdateDays} days before the notice is recorded`, 'notifiedAt');
      }
      if ((command.patron === undefined) === (command.group === undefined)) throw new InvalidCommand('name either patronRef or group', 'patronRef');
      if (command.patron && !state.affectedBlindIndexes.includes(command.patron.blindIndex)) {
        throw new InvalidCommand('this patron is not among the incident\u2019s affected patrons', 'patronRef');
      }
      if (command.group !== undefined) {
        assertText(command.group, 'group', TEXT_MAX);
        if (state.affectedGroup === undefined) throw new InvalidCommand('the incident describes no affected group', 'group');
      }
      if (state.notificationIds.includes(command.notificationId)) throw new CaseStateConflict(`Notification ${command.notificationId} is already recorded`);
      return [
        {
          type: 'BreachNotificationRecorded',
          data: definedOnly({
            incidentId: command.incidentId,
            notificationId: command.notificationId,
            patron: command.patron ? { blindIndex: command.patron.blindIndex, pseudonym: command.patron.pseudonym } : undefined,
            group: command.group?.trim(),
            method: command.method,
            notifiedAt: command.notifiedAt,
            occurredAt: command.occurredAt,
            by,
          }),
        },
      ];
    }
    default:
      return assertNever(command, 'incident command');
  }
}

export const incidentDecider: Decider<IncidentCommand, IncidentState, IncidentEvent> = {
  initialState: initialIncidentState,
  evolve: evolveIncident,
  decide: (command, state) => decideIncident(command, state),
};

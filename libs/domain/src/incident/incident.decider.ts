import { assertNever, type Decider } from '../shared/decider.js';
import { CaseStateConflict, InvalidCommand, NotFound } from '../shared/errors.js';
import { forbiddenBy } from '../policy/rules.js';
import { assertOneOf, assertOptionalText, assertText, definedOnly } from '../support/command-checks.js';
import { AFFECTED_PATRONS_MAX, INCIDENT_SYSTEMS_MAX, NAME_MAX, TEXT_MAX } from '../shared/field-limits.js';
import { assertOccurredAtPlausible, instantOf } from '../support/iso-time.js';
import type { IncidentCommand } from './incident.commands.js';
import { type AffectedPatron, type IncidentEvent, NOTIFICATION_METHODS } from './incident.events.js';
import { evolveIncident, initialIncidentState, type IncidentState } from './incident.state.js';
import { BREACH_DATA_ELEMENTS } from './breach-notice-law.js';

const DAY_MS = 86_400_000;

/**
 * A notice's date: not in the future, not before the breach was discovered, and at most
 * `LEDGER_MAX_BACKDATE_DAYS` before it is recorded (a date far back is a typing error or an attempt
 * to beat the clock; the limit is the one new cases have).
 */
function assertNoticeDate(value: string, field: string, state: IncidentState, command: { recordedAt: string; maxBackdateDays: number }): number {
  const at = instantOf(value, field);
  if (at > Date.parse(command.recordedAt)) throw new InvalidCommand(`${field} may not be in the future`, field);
  if (at < Date.parse(state.discoveredAt)) throw new InvalidCommand(`${field} may not be before the breach was discovered`, field);
  if (Date.parse(command.recordedAt) - at > command.maxBackdateDays * DAY_MS) {
    throw new InvalidCommand(`${field} may be at most ${command.maxBackdateDays} days before it is recorded`, field);
  }
  return at;
}

/** Each patron once, and at most as many as one incident may list. */
function distinctPatrons(patrons: readonly AffectedPatron[], field: string, already: readonly string[] = []): AffectedPatron[] {
  if (patrons.length > AFFECTED_PATRONS_MAX) throw new InvalidCommand(`${field} may list at most ${AFFECTED_PATRONS_MAX} patrons; describe a larger group`, field);
  const seen = new Set<string>(already);
  return patrons.filter((patron) => !seen.has(patron.blindIndex) && seen.add(patron.blindIndex));
}

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
      const affectedPatrons = distinctPatrons(command.affectedPatrons, 'affected.patronRefs');
      if (!Array.isArray(command.dataElements) || command.dataElements.length === 0) {
        throw new InvalidCommand('dataElements must name what was exposed (or other)', 'dataElements');
      }
      command.dataElements.forEach((element, i) => assertOneOf(element, BREACH_DATA_ELEMENTS, `dataElements.${i}`));
      return [
        {
          type: 'BreachIncidentRecorded',
          data: definedOnly({
            incidentId: command.incidentId,
            discoveredAt: command.discoveredAt,
            description: command.description.trim(),
            systems: (command.systems as readonly string[]).map((system) => system.trim()),
            affectedPatrons,
            affectedGroup: command.affectedGroup?.trim() || undefined,
            dataElements: BREACH_DATA_ELEMENTS.filter((element) => command.dataElements.includes(element)),
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
      assertNoticeDate(command.notifiedAt, 'notifiedAt', state, command);
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
    case 'RecordAttorneyGeneralNotice': {
      if (!state.recorded) throw new NotFound('No such incident');
      if (state.attorneyGeneralNotifiedAt !== undefined) throw new CaseStateConflict(`The Attorney General's notice of incident ${command.incidentId} is already recorded`);
      assertNoticeDate(command.notifiedAt, 'notifiedAt', state, command);
      return [{ type: 'AttorneyGeneralNotified', data: { incidentId: command.incidentId, notifiedAt: command.notifiedAt, occurredAt: command.occurredAt, by } }];
    }
    case 'RecordNoticeDelay': {
      if (!state.recorded) throw new NotFound('No such incident');
      assertText(command.delayId, 'delayId');
      assertText(command.requestedBy, 'requestedBy', NAME_MAX);
      assertNoticeDate(command.from, 'from', state, command);
      if (instantOf(command.to, 'to') <= Date.parse(command.from)) throw new InvalidCommand('to must be after from', 'to');
      if (state.delayIds?.includes(command.delayId)) throw new CaseStateConflict(`Delay ${command.delayId} is already recorded`);
      return [
        {
          type: 'BreachNoticeDelayed',
          data: { incidentId: command.incidentId, delayId: command.delayId, requestedBy: command.requestedBy.trim(), from: command.from, to: command.to, occurredAt: command.occurredAt, by },
        },
      ];
    }
    case 'AddAffectedPatrons': {
      if (!state.recorded) throw new NotFound('No such incident');
      if (command.affectedPatrons.length === 0) throw new InvalidCommand('patronRefs must list at least one patron', 'patronRefs');
      const affectedPatrons = distinctPatrons(command.affectedPatrons, 'patronRefs', state.affectedBlindIndexes);
      if (affectedPatrons.length === 0) throw new InvalidCommand('every patron listed is already among the incident\u2019s affected patrons', 'patronRefs');
      return [{ type: 'AffectedPatronsAdded', data: { incidentId: command.incidentId, affectedPatrons, occurredAt: command.occurredAt, by } }];
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

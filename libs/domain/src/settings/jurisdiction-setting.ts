import { assertNever, type Decider } from '../shared/decider.js';
import { InvalidCommand } from '../shared/errors.js';
import { eventTypesOf } from '../shared/event-types.js';
import { JURISDICTION_IDS, type JurisdictionId } from '../policy/jurisdiction.js';
import { isJurisdictionId, JURISDICTION_PACKS } from '../policy/jurisdictions.js';
import { assertText } from '../support/command-checks.js';
import { TEXT_MAX } from '../shared/field-limits.js';

/**
 * The jurisdiction a ledger is kept under, as its own record says. A ledger whose settings stream is
 * empty was kept under the default pack (every event before packs were named was decided under it);
 * switching packs over an existing ledger is an event of its own, with its reason, never a silent
 * change of `LEDGER_JURISDICTION`.
 */
export interface JurisdictionAdopted {
  readonly type: 'JurisdictionAdopted';
  readonly data: {
    readonly jurisdiction: JurisdictionId;
    /** The pack's version when it was adopted. */
    readonly policyVersion: string;
    /** The pack it replaces, when there was one. */
    readonly previous?: JurisdictionId;
    readonly reason: string;
    /** Who adopted it: `system` at a first start, `cli:<account>` from the command line. */
    readonly adoptedBy: string;
    readonly occurredAt: string;
  };
}

export type JurisdictionSettingEvent = JurisdictionAdopted;
export const JURISDICTION_SETTING_EVENT_TYPES = eventTypesOf<JurisdictionSettingEvent>({ JurisdictionAdopted: true });

export interface AdoptJurisdiction {
  readonly type: 'AdoptJurisdiction';
  readonly jurisdiction: string;
  readonly reason: string;
  readonly adoptedBy: string;
  readonly occurredAt: string;
}

export interface JurisdictionSetting {
  /** The pack adopted last; `null` when none was ever recorded. */
  readonly adopted: JurisdictionId | null;
}

export const initialJurisdictionSetting: JurisdictionSetting = { adopted: null };

export function evolveJurisdictionSetting(state: JurisdictionSetting, event: JurisdictionSettingEvent): JurisdictionSetting {
  switch (event.type) {
    case 'JurisdictionAdopted':
      return { adopted: event.data.jurisdiction };
    default:
      return assertNever(event.type, 'jurisdiction setting event');
  }
}

/** `previous`: the pack the ledger was kept under before, when the stream has none recorded (the default pack for a ledger that has events). */
export function decideJurisdictionSetting(command: AdoptJurisdiction, state: JurisdictionSetting, previous: JurisdictionId | null = null): JurisdictionSettingEvent[] {
  if (!isJurisdictionId(command.jurisdiction)) {
    throw new InvalidCommand(`jurisdiction must be one of ${JURISDICTION_IDS.join(', ')}, not "${command.jurisdiction}"`, 'jurisdiction');
  }
  assertText(command.reason, 'reason', TEXT_MAX);
  const before = state.adopted ?? previous;
  if (before === command.jurisdiction) throw new InvalidCommand(`The ledger is already kept under ${command.jurisdiction}`, 'jurisdiction');
  const pack = JURISDICTION_PACKS[command.jurisdiction];
  return [
    {
      type: 'JurisdictionAdopted',
      data: {
        jurisdiction: pack.id,
        policyVersion: pack.policyVersion,
        ...(before !== null && { previous: before }),
        reason: command.reason.trim(),
        adoptedBy: command.adoptedBy,
        occurredAt: command.occurredAt,
      },
    },
  ];
}

export const jurisdictionSettingDecider: Decider<AdoptJurisdiction, JurisdictionSetting, JurisdictionSettingEvent, JurisdictionId | null> = {
  initialState: initialJurisdictionSetting,
  evolve: evolveJurisdictionSetting,
  decide: decideJurisdictionSetting,
};

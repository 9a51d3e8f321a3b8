import { JURISDICTION_IDS, type JurisdictionId, type JurisdictionPack } from './jurisdiction.js';
import { usCt } from './us-ct/jurisdiction.js';
import { usNy } from './us-ny/jurisdiction.js';

/** Every pack the ledger ships, by id. Adding a jurisdiction adds its folder and one line here. */
export const JURISDICTION_PACKS: { readonly [id in JurisdictionId]: JurisdictionPack } = { 'us-ct': usCt, 'us-ny': usNy };

/** The pack a ledger runs under when `LEDGER_JURISDICTION` is not set, and that events recorded before packs were named were decided under. */
export const DEFAULT_JURISDICTION: JurisdictionPack = usCt;

export function isJurisdictionId(value: string): value is JurisdictionId {
  return (JURISDICTION_IDS as readonly string[]).includes(value);
}

/** The pack an event was decided under: its metadata's `jurisdiction`, or the default for events recorded before it was stamped. */
export function jurisdictionOfEvent(recorded: string | undefined): JurisdictionPack {
  return recorded !== undefined && isJurisdictionId(recorded) ? JURISDICTION_PACKS[recorded] : DEFAULT_JURISDICTION;
}

import { assertNever, type Decider } from '../shared/decider.js';
import { CaseStateConflict, NotFound } from '../shared/errors.js';
import { assertText } from '../support/command-checks.js';
import { NAME_MAX } from '../shared/field-limits.js';
import { assertOccurredAtPlausible } from '../support/iso-time.js';
import { forbiddenBy } from '../policy/rules.js';
import type { VendorCommand } from './vendor.commands.js';
import type { VendorEvent } from './vendor.events.js';
import { evolveVendorList, initialVendorList, type VendorList } from './vendor.state.js';

/** The Director keeps the list of the library's authorized vendors (API.md `/v1/vendors`). */
export function decideVendors(command: VendorCommand, state: VendorList): VendorEvent[] {
  assertOccurredAtPlausible(command.occurredAt, command.recordedAt);
  assertText(command.vendorId, 'vendorId', NAME_MAX);
  if (command.actor.role !== 'director') throw forbiddenBy('ROLE-NOT-PERMITTED', `role ${command.actor.role}: only the Director approves vendors`);
  const base = { vendorId: command.vendorId, occurredAt: command.occurredAt, by: command.actor.userId };
  const existing = state.vendors.find((vendor) => vendor.vendorId === command.vendorId);
  switch (command.type) {
    case 'ApproveVendor':
      assertText(command.name, 'name', NAME_MAX);
      assertText(command.service, 'service', NAME_MAX);
      if (existing !== undefined) throw new CaseStateConflict(`Vendor ${command.vendorId} already exists`);
      return [{ type: 'VendorApproved', data: { ...base, name: command.name.trim(), service: command.service.trim() } }];
    case 'WithdrawVendorApproval':
      if (existing === undefined) throw new NotFound(`No vendor ${command.vendorId}`);
      if (existing.withdrawnAt !== undefined) throw new CaseStateConflict(`Vendor ${command.vendorId} is no longer approved`);
      return [{ type: 'VendorApprovalWithdrawn', data: base }];
    default:
      return assertNever(command, 'vendor command');
  }
}

export const vendorDecider: Decider<VendorCommand, VendorList, VendorEvent> = {
  initialState: initialVendorList,
  evolve: evolveVendorList,
  decide: (command, state) => decideVendors(command, state),
};

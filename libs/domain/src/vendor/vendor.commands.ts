import type { Actor } from '../policy/actor.js';

interface VendorCommandBase {
  readonly vendorId: string;
  readonly actor: Actor;
  readonly occurredAt: string;
  readonly recordedAt: string;
}

export interface ApproveVendor extends VendorCommandBase {
  readonly type: 'ApproveVendor';
  readonly name: string;
  readonly service: string;
}

export interface WithdrawVendorApproval extends VendorCommandBase {
  readonly type: 'WithdrawVendorApproval';
}

export type VendorCommand = ApproveVendor | WithdrawVendorApproval;

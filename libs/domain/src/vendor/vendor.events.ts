import type { DomainEvent } from '../shared/decider.js';

/** The stream of the library's approved vendors ("its authorized vendors"): one list per ledger. */
export const VENDORS_STREAM = 'vendors-main';

interface VendorEventBase {
  readonly vendorId: string;
  readonly occurredAt: string;
  readonly by: string;
}

/** The Director added a vendor to the library's approved list. */
export type VendorApproved = DomainEvent<
  'VendorApproved',
  VendorEventBase & {
    readonly name: string;
    /** What the vendor provides the library (eBooks, a database…). */
    readonly service: string;
  }
>;

/** The Director withdrew a vendor's approval: its requests are denied from now on. */
export type VendorApprovalWithdrawn = DomainEvent<'VendorApprovalWithdrawn', VendorEventBase>;

export type VendorEvent = VendorApproved | VendorApprovalWithdrawn;
export type VendorEventType = VendorEvent['type'];
export const VENDOR_EVENT_TYPES = ['VendorApproved', 'VendorApprovalWithdrawn'] as const satisfies readonly VendorEventType[];

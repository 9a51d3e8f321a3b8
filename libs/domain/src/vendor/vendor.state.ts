import { assertNever } from '../shared/decider.js';
import { normalizePersonName } from '../patron/patron.state.js';
import type { VendorEvent } from './vendor.events.js';

export interface ApprovedVendor {
  readonly vendorId: string;
  readonly name: string;
  readonly service: string;
  readonly approvedAt: string;
  readonly approvedBy: string;
  readonly withdrawnAt?: string;
}

/** Every vendor ever approved, withdrawn ones included (the list answers "who was approved when"). */
export interface VendorList {
  readonly vendors: readonly ApprovedVendor[];
}

export const initialVendorList: VendorList = { vendors: [] };

export function evolveVendorList(state: VendorList, event: VendorEvent): VendorList {
  switch (event.type) {
    case 'VendorApproved': {
      const { vendorId, name, service, occurredAt, by } = event.data;
      return { vendors: [...state.vendors, { vendorId, name, service, approvedAt: occurredAt, approvedBy: by }] };
    }
    case 'VendorApprovalWithdrawn':
      return {
        vendors: state.vendors.map((vendor) =>
          vendor.vendorId === event.data.vendorId ? { ...vendor, withdrawnAt: event.data.occurredAt } : vendor,
        ),
      };
    default:
      return assertNever(event, 'vendor event');
  }
}

/**
 * An approval speaks from when it was given; a recorded withdrawal ends it for every later decision,
 * even one about a request back-dated to before it (as with a revoked consent).
 */
export function isVendorApproved(vendor: ApprovedVendor, atIso: string): boolean {
  return vendor.withdrawnAt === undefined && Date.parse(atIso) >= Date.parse(vendor.approvedAt);
}

/**
 * The approved vendor a request comes from: named by the credentials' `detail` (its vendorId) or, when
 * the credentials name none, by the requester's name (compared like a consent's grantee).
 */
export function approvedVendorFor(list: VendorList, requesterName: string, credentialsDetail: string | undefined, atIso: string): ApprovedVendor | undefined {
  const approved = list.vendors.filter((vendor) => isVendorApproved(vendor, atIso));
  if (credentialsDetail !== undefined && credentialsDetail.trim() !== '') {
    return approved.find((vendor) => vendor.vendorId === credentialsDetail.trim());
  }
  const wanted = normalizePersonName(requesterName);
  return approved.find((vendor) => normalizePersonName(vendor.name) === wanted);
}

/**
 * The library's "trusted third-party newsletter service": an approved vendor whose service, as the
 * Director wrote it on approval, names a newsletter. The library's reading (docs/policy-decisions.md).
 */
export function isNewsletterService(vendor: ApprovedVendor): boolean {
  return /\bnewsletters?\b/i.test(vendor.service);
}

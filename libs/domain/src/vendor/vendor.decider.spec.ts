import { decideVendors } from './vendor.decider.js';
import { evolveVendorList, initialVendorList, isVendorApproved, type VendorList } from './vendor.state.js';
import type { VendorCommand } from './vendor.commands.js';
import { director, staff, NOW, LATER } from '../testing/case-fixtures.js';

const approve = (overrides: Partial<VendorCommand> = {}): VendorCommand => ({
  type: 'ApproveVendor',
  vendorId: 'v-1',
  name: 'eBooks Inc',
  service: 'eBook lending',
  actor: director,
  occurredAt: LATER,
  recordedAt: NOW,
  ...overrides,
});
const withdraw = (vendorId = 'v-1'): VendorCommand => ({ type: 'WithdrawVendorApproval', vendorId, actor: director, occurredAt: NOW, recordedAt: NOW });
const given = (...commands: VendorCommand[]): VendorList =>
  commands.reduce((state, command) => decideVendors(command, state).reduce(evolveVendorList, state), initialVendorList);

describe('the approved vendor list', () => {
  it('given no vendors, when the director approves one, then it is approved from that moment', () => {
    const events = decideVendors(approve(), initialVendorList);
    expect(events).toEqual([{ type: 'VendorApproved', data: { vendorId: 'v-1', name: 'eBooks Inc', service: 'eBook lending', occurredAt: LATER, by: director.userId } }]);
    const [vendor] = events.reduce(evolveVendorList, initialVendorList).vendors;
    expect(isVendorApproved(vendor, NOW)).toBe(true);
    expect(isVendorApproved(vendor, '2025-01-01T00:00:00.000Z')).toBe(false);
  });

  it('given an approved vendor, when the director withdraws it, then it is approved for no decision after', () => {
    const list = given(approve(), withdraw());
    expect(list.vendors[0]).toMatchObject({ vendorId: 'v-1', withdrawnAt: NOW });
    expect(isVendorApproved(list.vendors[0], LATER)).toBe(false);
  });

  it('refuses staff (only the Director keeps the list), a second approval of one id, and withdrawing twice or an unknown vendor', () => {
    expect(() => decideVendors(approve({ actor: staff }), initialVendorList)).toThrow(expect.objectContaining({ kind: 'forbidden', rule: 'ROLE-NOT-PERMITTED' }));
    expect(() => decideVendors(approve(), given(approve()))).toThrow(expect.objectContaining({ kind: 'state' }));
    expect(() => decideVendors(withdraw(), given(approve(), withdraw()))).toThrow(expect.objectContaining({ kind: 'state' }));
    expect(() => decideVendors(withdraw('v-9'), given(approve()))).toThrow(expect.objectContaining({ kind: 'not_found' }));
    expect(() => decideVendors(approve({ name: ' ' }), initialVendorList)).toThrow(expect.objectContaining({ kind: 'invalid' }));
  });
});

import { prefersReceipt } from './receipt.interceptor.js';

describe('Prefer: receipt (RFC 7240)', () => {
  it('given a Prefer header, when read, then receipt is found alone, among others, with parameters, in any case; and not in other preferences', () => {
    for (const prefer of ['receipt', 'Receipt', ' return=minimal , receipt', 'receipt; by=write', 'respond-async, RECEIPT=1']) expect({ prefer, found: prefersReceipt(prefer) }).toEqual({ prefer, found: true });
    for (const prefer of [undefined, '', 'return=receipt', 'receipts', 'handling=strict; receipt']) expect({ prefer, found: prefersReceipt(prefer) }).toEqual({ prefer, found: false });
  });
});

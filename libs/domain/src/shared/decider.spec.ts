import { assertNever } from './decider.js';
import { POLICY_VERSION } from '../policy/us-ct/policy-version.js';
import { PolicyViolation } from '@ledger/domain';

describe('assertNever', () => {
  it('throws naming the unhandled value', () => {
    expect(() => assertNever('x' as never, 'event')).toThrow('Unhandled event: "x"');
    expect(POLICY_VERSION).toBe('2024-07-10.3');
    expect(new PolicyViolation('R', 'c', 'm').kind).toBe('policy');
  });
});

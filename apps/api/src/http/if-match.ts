import { RequestValidationError } from './validation.js';

/** `If-Match: "<revision>"` (quotes optional, weak tags refused) → the revision, or undefined when absent. */
export function parseIfMatch(header: string | undefined): bigint | undefined {
  if (header === undefined || header === '') return undefined;
  const match = /^\s*"?(\d{1,19})"?\s*$/.exec(header);
  if (!match) {
    throw new RequestValidationError([{ field: 'If-Match', messages: ['If-Match must be a quoted revision such as "3"'] }]);
  }
  return BigInt(match[1]);
}

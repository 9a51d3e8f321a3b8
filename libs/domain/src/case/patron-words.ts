import type { Identification } from '../policy/evaluate-request.js';
import type { DisclosureRequested } from './case.events.js';

/** Opens one of the case's ciphertexts (the ledger's key store); null once the case key is shredded. */
export type RevealWords = (ciphertext: string) => string | null;

export interface RequestWords {
  /** The requester's name; null when it is the patron's own and cannot be opened (no key given, or shredded). */
  readonly requesterName: string | null;
  readonly identification: readonly Identification[];
}

/**
 * The requester's name and identification details of a request as a reader may see them. A patron's
 * own words recorded under `protectedWords` open only with `reveal`; without it (or after a shred) the
 * name is null and identifications carry their kind only. Earlier events hold them in clear.
 */
export function requestWords(data: DisclosureRequested['data'], reveal: RevealWords | null): RequestWords {
  const words = data.protectedWords;
  if (words === undefined) return { requesterName: data.requester.name, identification: data.identification };
  return {
    requesterName: reveal?.(words.requesterName) ?? null,
    identification: data.identification.map(({ kind }, i) => {
      const ciphertext = words.identificationDetails[i];
      const detail = ciphertext && reveal ? reveal(ciphertext) : null;
      return detail === null ? { kind } : { kind, detail };
    }),
  };
}

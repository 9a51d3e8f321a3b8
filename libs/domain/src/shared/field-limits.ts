/**
 * How long a field may be, and how many items a list may hold: API.md "Conventions" (names 1–200,
 * free text up to 4,000 characters, counted in code points) and the ledger's own bounds. The
 * deciders check them and the HTTP request DTOs declare the same constants, so the 400 a client
 * gets and the domain's own check can never disagree.
 */
export const NAME_MAX = 200;
export const TEXT_MAX = 4000;
/** A patron's library card number or other reference, as typed at the desk. */
export const PATRON_REF_MAX = 64;
/** A username for the web sign-in: lower-case letters, digits, dot, underscore and hyphen. */
export const USERNAME_MIN = 3;
export const USERNAME_MAX = 64;
/** Blind index, pseudonym: derived keys the server makes, never typed by a person. */
export const PATRON_KEY_MAX = 512;
/** A document digest as hex (SHA-256 is 64; room for a longer one). */
export const DIGEST_MAX = 128;
/** Pieces of identification shown for one request. */
export const IDENTIFICATIONS_MAX = 5;
/** Systems one breach incident names. */
export const INCIDENT_SYSTEMS_MAX = 20;
/** Patrons one breach incident may list by reference; beyond that, describe the group. */
export const AFFECTED_PATRONS_MAX = 1000;
/** Patrons attached at once to a request about a resource or a transaction (and named by one production). */
export const PATRONS_MAX = 100;
/** The largest scanned document a case may carry (10 MiB): a scan of a subpoena or a consent, not an archive. */
export const ATTACHMENT_BYTES_MAX = 10 * 1024 * 1024;

/**
 * The library's reading of 50 U.S.C. § 1874 (public reporting by a recipient of national security
 * process), the one federal statute the transparency report applies. It is federal, so every
 * jurisdiction's pack reads it alike; this module is where its numbers live.
 *
 * § 1874(a) offers four structures; § 1874(b) says which period each may cover and how long after it
 * it may be published:
 * 1. semiannual, each kind of process in bands of 1000 (0–999, 1000–1999, …);
 * 2. semiannual, each kind in bands of 500;
 * 3. semiannual, all national security process combined, in bands of 250;
 * 4. annual, all combined, in bands of 100.
 * Under (1) and (2) letters of the previous 180 days may be reported at once, orders under FISA only
 * for a half-year that ended at least 180 days before publication; (3) covers the previous 180 days;
 * (4) a year that ended at least a year before publication.
 */
export const NATIONAL_SECURITY_STRUCTURES = [1, 2, 3, 4] as const;
export type NationalSecurityStructure = (typeof NATIONAL_SECURITY_STRUCTURES)[number];

export interface NationalSecurityReporting {
  readonly structure: NationalSecurityStructure;
  readonly citation: string;
  /** Width of each band; the first band is 0 to width − 1. */
  readonly bandWidth: number;
  /** Whether letters and orders are counted together in one figure. */
  readonly combined: boolean;
  /** The longest period one report covers, in days (a half-year or a year, at its longest). */
  readonly longestPeriodDays: number;
  /** Days that must pass after the period ends before its letters (or, combined, all process) may be published. */
  readonly lettersDelayDays: number;
  /** Days that must pass after the period ends before its FISA orders may be published (separate structures only). */
  readonly ordersDelayDays: number;
  readonly words: string;
}

const CITATION = '50 U.S.C. § 1874(a)';
const HALF_YEAR_DAYS = 184;
const YEAR_DAYS = 366;

const STRUCTURES: { readonly [structure in NationalSecurityStructure]: NationalSecurityReporting } = {
  1: {
    structure: 1,
    citation: `${CITATION}(1); § 1874(b)(1)`,
    bandWidth: 1000,
    combined: false,
    longestPeriodDays: HALF_YEAR_DAYS,
    lettersDelayDays: 0,
    ordersDelayDays: 180,
    words: 'semiannual, each kind of national security process in bands of 1000',
  },
  2: {
    structure: 2,
    citation: `${CITATION}(2); § 1874(b)(1)`,
    bandWidth: 500,
    combined: false,
    longestPeriodDays: HALF_YEAR_DAYS,
    lettersDelayDays: 0,
    ordersDelayDays: 180,
    words: 'semiannual, each kind of national security process in bands of 500',
  },
  3: {
    structure: 3,
    citation: `${CITATION}(3); § 1874(b)(2)`,
    bandWidth: 250,
    combined: true,
    longestPeriodDays: HALF_YEAR_DAYS,
    lettersDelayDays: 0,
    ordersDelayDays: 0,
    words: 'semiannual, all national security process combined, in bands of 250',
  },
  4: {
    structure: 4,
    citation: `${CITATION}(4); § 1874(b)(3)`,
    bandWidth: 100,
    combined: true,
    longestPeriodDays: YEAR_DAYS,
    lettersDelayDays: 365,
    ordersDelayDays: 365,
    words: 'annual, all national security process combined, in bands of 100',
  },
};

export function isNationalSecurityStructure(value: unknown): value is NationalSecurityStructure {
  return typeof value === 'number' && (NATIONAL_SECURITY_STRUCTURES as readonly number[]).includes(value);
}

export function nationalSecurityReporting(structure: NationalSecurityStructure): NationalSecurityReporting {
  return STRUCTURES[structure];
}

/** A count as published: exact when `low === high`, else the range it lies in. */
export interface PublishedCount {
  readonly low: number;
  readonly high: number;
}

/** The band of `width` a count falls in: 0 → 0–(width − 1), width → width–(2·width − 1). */
export function bandOf(count: number, width: number): PublishedCount {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`A count is a whole number of at least 0, not ${count}`);
  const low = Math.floor(count / width) * width;
  return { low, high: low + width - 1 };
}

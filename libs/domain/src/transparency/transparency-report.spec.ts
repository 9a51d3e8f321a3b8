import type { ExistingCase } from '../case/case.state.js';
import { bandOf, nationalSecurityReporting, type NationalSecurityStructure } from '../policy/federal/national-security-reporting.js';
import { InvalidCommand } from '../shared/errors.js';
import type { InstrumentType, Outcome, RequesterKind } from '../vocabulary.js';
import { countWords, suppressedCount, transparencyCountsOf, transparencyFactsOf, type TransparencyFacts } from './transparency-report.js';

const H1 = { from: '2025-01-01', to: '2025-06-30' };

function aCase(caseId: string, fields: { kind?: RequesterKind; received?: string; outcome?: Outcome; instruments?: InstrumentType[]; sealed?: boolean; released?: boolean; wellness?: boolean } = {}): ExistingCase {
  return {
    exists: true,
    caseId,
    kind: fields.wellness ? 'wellness_check' : 'disclosure_request',
    requesterKind: fields.kind ?? 'law_enforcement',
    requesterNames: [],
    requestedCategories: ['checkouts'],
    route: 'refer_to_director',
    permittedCategories: [],
    receivedAt: fields.received ?? '2025-03-01T12:00:00.000Z',
    openedBy: 'u-staff',
    status: fields.outcome ? 'closed' : 'with_director',
    ...(fields.outcome && { outcome: fields.outcome }),
    sealed: fields.sealed ?? false,
    instruments: (fields.instruments ?? []).map((type, index) => ({ instrumentId: `${caseId}-${index}`, type, issuedBy: 'x', scopeCategories: [], nondisclosureOrder: false, servedAt: '2025-03-01T12:00:00.000Z', recordedAt: '2025-03-01T12:00:00.000Z', recordedBy: 'u-director' })),
    objectionsFiledAt: [],
    releasedCategories: fields.released ? ['checkouts'] : [],
    ruleIds: [],
    needToKnow: [],
  };
}

const facts = (cases: ExistingCase[], incidents: TransparencyFacts['incidents'] = []): TransparencyFacts => ({ cases, incidents });
const options = (structure: NationalSecurityStructure, publishedAt = '2026-12-01T00:00:00.000Z', smallNumberThreshold = 0) => ({ period: H1, structure, smallNumberThreshold, publishedAt });

describe('bands of 50 U.S.C. § 1874(a)', () => {
  it.each([
    [1, 1000],
    [2, 500],
    [3, 250],
    [4, 100],
  ] as const)('structure %i counts in bands of %i, the first from 0, each edge in the band above', (structure, width) => {
    expect(nationalSecurityReporting(structure).bandWidth).toBe(width);
    expect(bandOf(0, width)).toEqual({ low: 0, high: width - 1 });
    expect(bandOf(width - 1, width)).toEqual({ low: 0, high: width - 1 });
    expect(bandOf(width, width)).toEqual({ low: width, high: 2 * width - 1 });
  });

  it('refuses a count that is not a whole number', () => {
    expect(() => bandOf(-1, 100)).toThrow(RangeError);
    expect(() => bandOf(1.5, 100)).toThrow(RangeError);
  });

  it('structures 1 and 2 report letters and other sealed process apart; 3 and 4 combined', () => {
    const cases = [aCase('nsl', { instruments: ['national_security_letter', 'national_security_letter'] }), aCase('sealed', { sealed: true, instruments: ['court_order'] })];
    expect(transparencyCountsOf(facts(cases), options(1)).nationalSecurity.rows).toEqual([
      { item: 'national_security_letters', band: { low: 0, high: 999 } },
      { item: 'other_process_under_seal', band: { low: 0, high: 999 } },
    ]);
    expect(transparencyCountsOf(facts(cases), options(3)).nationalSecurity.rows).toEqual([{ item: 'all_national_security_process', band: { low: 0, high: 249 } }]);
    expect(transparencyCountsOf(facts(cases), options(4, '2026-12-01T00:00:00.000Z')).nationalSecurity.rows).toEqual([{ item: 'all_national_security_process', band: { low: 0, high: 99 } }]);
  });
});

describe('the delays of § 1874(b)', () => {
  const cases = [aCase('nsl', { instruments: ['national_security_letter'] }), aCase('sealed', { sealed: true })];

  it('structures 1 and 2: letters at once after the period, orders under seal only 180 days after it ends', () => {
    for (const structure of [1, 2] as const) {
      expect(transparencyCountsOf(facts(cases), options(structure, '2025-07-01T09:00:00.000Z')).nationalSecurity.rows).toEqual([
        { item: 'national_security_letters', band: { low: 0, high: nationalSecurityReporting(structure).bandWidth - 1 } },
        { item: 'other_process_under_seal', band: null, withheldUntil: '2025-12-28' },
      ]);
      expect(transparencyCountsOf(facts(cases), options(structure, '2025-12-28T00:00:00.000Z')).nationalSecurity.rows[1].band).not.toBeNull();
    }
  });

  it('structure 3: the previous half-year, at once', () => {
    expect(transparencyCountsOf(facts(cases), options(3, '2025-07-01T00:00:00.000Z')).nationalSecurity.rows[0].band).toEqual({ low: 0, high: 249 });
  });

  it('structure 4: a year that ended at least a year before publication', () => {
    const year = { from: '2024-01-01', to: '2024-12-31' };
    const early = transparencyCountsOf(facts(cases), { ...options(4, '2025-12-31T00:00:00.000Z'), period: year });
    expect(early.nationalSecurity.rows).toEqual([{ item: 'all_national_security_process', band: null, withheldUntil: '2026-01-01' }]);
    const due = transparencyCountsOf(facts(cases), { ...options(4, '2026-01-01T00:00:00.000Z'), period: year });
    expect(due.nationalSecurity.rows[0].band).toEqual({ low: 0, high: 99 });
  });

  it('a semiannual structure refuses a year; no structure reports a period not yet over', () => {
    expect(() => transparencyCountsOf(facts([]), { ...options(1), period: { from: '2025-01-01', to: '2025-12-31' } })).toThrow(/at most 184 days/);
    expect(() => transparencyCountsOf(facts([]), options(3, '2025-06-30T10:00:00.000Z'))).toThrow(InvalidCommand);
    expect(() => transparencyCountsOf(facts([]), { ...options(3), period: { from: '2025-02-30', to: '2025-03-01' } })).toThrow(/period.from/);
    expect(() => transparencyCountsOf(facts([]), { ...options(3), structure: 5 as NationalSecurityStructure })).toThrow(/1, 2, 3 or 4/);
  });
});

describe('the small-number threshold', () => {
  it('shows counts from 1 to threshold − 1 as that range, 0 and counts at the threshold exactly', () => {
    expect(countWords(suppressedCount(0, 5))).toBe('0');
    expect(countWords(suppressedCount(1, 5))).toBe('1\u20134');
    expect(countWords(suppressedCount(4, 5))).toBe('1\u20134');
    expect(countWords(suppressedCount(5, 5))).toBe('5');
    expect(countWords(suppressedCount(3, 0))).toBe('3');
    expect(countWords(suppressedCount(3, 1))).toBe('3');
  });
});

describe('the counts', () => {
  const cases = [
    aCase('a', { instruments: ['subpoena'], outcome: 'released', released: true }),
    aCase('b', { instruments: ['subpoena'], outcome: 'refused' }),
    aCase('c', { outcome: 'refused_no_instrument' }),
    aCase('d', { kind: 'public_records', outcome: 'refused' }),
    aCase('e', { wellness: true, released: true }),
    aCase('late', { received: '2025-07-01T00:00:00.000Z', instruments: ['court_order'] }),
    aCase('sealed', { sealed: true, instruments: ['search_warrant'], outcome: 'released', released: true }),
    aCase('nsl', { instruments: ['national_security_letter'], outcome: 'refused' }),
  ];
  const counts = transparencyCountsOf(facts(cases, [{ incidentId: 'i', discoveredAt: '2025-02-01T00:00:00.000Z', noticesAt: ['2025-02-10T00:00:00.000Z', '2025-08-01T00:00:00.000Z'] }]), options(3));

  it('counts requests received in the period by kind, instrument type and outcome, and productions under an instrument', () => {
    expect(counts.requests.total).toEqual({ low: 4, high: 4 });
    expect(counts.requests.byRequesterKind.law_enforcement).toEqual({ low: 3, high: 3 });
    expect(counts.requests.byRequesterKind.public_records).toEqual({ low: 1, high: 1 });
    expect(counts.requests.byInstrumentType.subpoena).toEqual({ low: 2, high: 2 });
    expect(counts.requests.byInstrumentType.court_order).toEqual({ low: 0, high: 0 });
    expect(counts.requests.byOutcome).toMatchObject({ released: { low: 1, high: 1 }, refused: { low: 2, high: 2 }, refused_no_instrument: { low: 1, high: 1 }, open: { low: 0, high: 0 } });
    expect(counts.productions).toEqual({ low: 1, high: 1 });
    expect(counts.wellnessDisclosures).toEqual({ low: 1, high: 1 });
    expect(counts.breachIncidents).toEqual({ low: 1, high: 1 });
    expect(counts.breachNotices).toEqual({ low: 1, high: 1 });
  });

  it('never counts a sealed case or a national security letter outside the bands', () => {
    expect(counts.requests.byInstrumentType.search_warrant).toEqual({ low: 0, high: 0 });
    expect(Object.keys(counts.requests.byInstrumentType)).not.toContain('national_security_letter');
    expect(counts.nationalSecurity.rows).toEqual([{ item: 'all_national_security_process', band: { low: 0, high: 249 } }]);
  });

  it('applies the threshold to every count but the bands', () => {
    const small = transparencyCountsOf(facts(cases), options(3, undefined, 5));
    expect(small.requests.total).toEqual({ low: 1, high: 4 });
    expect(small.requests.byRequesterKind.vendor).toEqual({ low: 0, high: 0 });
    expect(small.nationalSecurity.rows[0].band).toEqual({ low: 0, high: 249 });
  });
});

describe('the period on the library\u2019s calendar days (TR6)', () => {
  const NEW_YORK = 'America/New_York';
  const year2025 = { from: '2025-01-01', to: '2025-12-31' };
  // 20:00 EST on Wednesday 31 December 2025 is 01:00 UTC on 1 January 2026.
  const newYearsEve = [aCase('eve', { received: '2026-01-01T01:00:00.000Z', outcome: 'refused' })];
  const yearly = (period: { from: string; to: string }, publishedAt: string, timeZone?: string) => ({ period, structure: 4 as const, smallNumberThreshold: 0, publishedAt, ...(timeZone !== undefined && { timeZone }) });

  it('counts a request received at 8 pm EST on 31 December in that year\u2019s report, not the next year\u2019s', () => {
    expect(transparencyCountsOf(facts(newYearsEve), yearly(year2025, '2026-02-01T12:00:00.000Z', NEW_YORK)).requests.total).toEqual({ low: 1, high: 1 });
    expect(transparencyCountsOf(facts(newYearsEve), yearly({ from: '2026-01-01', to: '2026-01-31' }, '2026-02-01T12:00:00.000Z', NEW_YORK)).requests.total).toEqual({ low: 0, high: 0 });
  });

  it('counts breaches and notices by the library\u2019s day too', () => {
    const incidents = [{ incidentId: 'i', discoveredAt: '2026-01-01T03:00:00.000Z', noticesAt: ['2026-01-01T04:59:00.000Z', '2026-01-01T05:00:00.000Z'] }];
    const counts = transparencyCountsOf(facts([], incidents), yearly(year2025, '2026-02-01T12:00:00.000Z', NEW_YORK));
    expect(counts.breachIncidents).toEqual({ low: 1, high: 1 });
    expect(counts.breachNotices).toEqual({ low: 1, high: 1 });
  });

  it('refuses a period ending today where the library is until its midnight, though UTC is on the next day already', () => {
    const december = { from: '2025-12-01', to: '2025-12-31' };
    // 23:30 EST on 31 December (04:30 UTC on 1 January): 31 December is not over in Connecticut.
    expect(() => transparencyCountsOf(facts([]), yearly(december, '2026-01-01T04:30:00.000Z', NEW_YORK))).toThrow(/period.to must be before today \(America\/New_York\)/);
    expect(() => transparencyCountsOf(facts([]), yearly(december, '2026-01-01T05:00:00.000Z', NEW_YORK))).not.toThrow();
  });

  it('judges the \u00a7 1874(b) delays on the library\u2019s day: the year\u2019s band is published from 1 January two years on, at local midnight', () => {
    const rows = (publishedAt: string) => transparencyCountsOf(facts(newYearsEve), yearly(year2025, publishedAt, NEW_YORK)).nationalSecurity.rows;
    expect(rows('2027-01-01T04:59:00.000Z')).toEqual([{ item: 'all_national_security_process', band: null, withheldUntil: '2027-01-01' }]);
    expect(rows('2027-01-01T05:00:00.000Z')[0].band).toEqual({ low: 0, high: 99 });
  });

  it('reads a report without a zone (prepared before it was recorded) on UTC days, as it was counted', () => {
    const utc = transparencyCountsOf(facts(newYearsEve), yearly(year2025, '2026-02-01T12:00:00.000Z'));
    expect(utc.requests.total).toEqual({ low: 0, high: 0 });
    expect(transparencyCountsOf(facts(newYearsEve), yearly(year2025, '2026-02-01T12:00:00.000Z', 'UTC'))).toEqual(utc);
    expect(() => transparencyCountsOf(facts([]), yearly(year2025, '2026-01-01T00:30:00.000Z'))).not.toThrow();
  });

  it('refuses a zone the time-zone tables do not know', () => {
    expect(() => transparencyCountsOf(facts([]), yearly(year2025, '2026-02-01T12:00:00.000Z', 'Eastern'))).toThrow(expect.objectContaining({ field: 'timeZone' }));
  });
});

describe('the facts of the events up to a checkpoint', () => {
  it('folds case streams with the case decider and reads breach incidents and their notices', () => {
    const folded = transparencyFactsOf([
      { stream: 'incident-1', event: { type: 'BreachIncidentRecorded', data: { incidentId: '1', discoveredAt: '2025-01-02T00:00:00.000Z' } } },
      { stream: 'incident-1', event: { type: 'BreachNotificationRecorded', data: { incidentId: '1', notifiedAt: '2025-01-05T00:00:00.000Z' } } },
      { stream: 'user-1', event: { type: 'UserRegistered', data: {} } },
    ]);
    expect(folded).toEqual({ cases: [], incidents: [{ incidentId: '1', discoveredAt: '2025-01-02T00:00:00.000Z', noticesAt: ['2025-01-05T00:00:00.000Z'] }] });
  });
});

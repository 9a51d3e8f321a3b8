/** Filtered, paged register queries through the register projection's own query function. */
import type Database from 'better-sqlite3';
import { type DisclosureRegisterFilter, queryDisclosureRegister } from '@ledger/projections';
import { sealedCasesOpenTo } from '@ledger/domain';
import { percentile } from './stats.js';

const READER = '00000000-0000-4000-8000-0000000000a1';

export function registerFilterMix(db: Database.Database): { name: string; filter: DisclosureRegisterFilter; pages: number }[] {
  const pseudonym = (db.prepare('SELECT patron_pseudonym AS p FROM cases WHERE patron_pseudonym IS NOT NULL LIMIT 1').get() as { p: string } | undefined)?.p;
  const span = db.prepare('SELECT MIN(opened_at) AS lo, MAX(opened_at) AS hi FROM cases').get() as { lo: string; hi: string };
  const lo = Date.parse(span.lo);
  const hi = Date.parse(span.hi);
  const mid = new Date(lo + (hi - lo) / 2).toISOString();
  const monthLater = new Date(lo + (hi - lo) / 2 + 30 * 86_400_000).toISOString();
  const base = { reader: sealedCasesOpenTo({ userId: READER, role: 'auditor', isActiveDesignee: false }), limit: 50 };
  return [
    { name: 'newest', filter: base, pages: 1 },
    { name: 'requesterKind', filter: { ...base, requesterKind: 'patron' }, pages: 1 },
    { name: 'channel', filter: { ...base, channel: 'phone' }, pages: 1 },
    { name: 'outcome', filter: { ...base, outcome: 'refused' }, pages: 1 },
    { name: 'category', filter: { ...base, category: 'checkouts' }, pages: 1 },
    { name: 'month', filter: { ...base, from: mid, to: monthLater }, pages: 1 },
    ...(pseudonym ? [{ name: 'patron', filter: { ...base, patronPseudonym: pseudonym }, pages: 1 }] : []),
    { name: 'le-released-month', filter: { ...base, limit: 100, requesterKind: 'law_enforcement', outcome: 'released', from: mid, to: monthLater }, pages: 1 },
    { name: 'kind+channel+category', filter: { ...base, requesterKind: 'family_or_friend', channel: 'in_person', category: 'checkouts' }, pages: 1 },
    { name: 'category paged x5', filter: { ...base, category: 'circulation_history' }, pages: 5 },
    { name: 'all paged x5 (limit 500)', filter: { ...base, limit: 500 }, pages: 5 },
  ] as { name: string; filter: DisclosureRegisterFilter; pages: number }[];
}

/** Every page fetched is one timed query. */
export function measureRegisterQueries(db: Database.Database, rounds: number): { p50: number; p99: number; max: number; queries: number; byFilterP99: Record<string, number> } {
  const mix = registerFilterMix(db);
  const all: number[] = [];
  const byFilter: Record<string, number[]> = {};
  for (let round = 0; round < rounds; round++) {
    for (const { name, filter, pages } of mix) {
      let cursor: string | undefined;
      for (let page = 0; page < pages; page++) {
        const started = performance.now();
        const result = queryDisclosureRegister(db, { ...filter, ...(cursor && { cursor }) });
        const ms = performance.now() - started;
        if (round > 0) { all.push(ms); (byFilter[name] ??= []).push(ms); } // round 0 warms the page cache
        if (!result.nextCursor) break;
        cursor = result.nextCursor;
      }
    }
  }
  const byFilterP99 = Object.fromEntries(Object.entries(byFilter).map(([name, values]) => [name, Number(percentile(values, 99)!.toFixed(2))]));
  return { p50: percentile(all, 50)!, p99: percentile(all, 99)!, max: Math.max(...all), queries: all.length, byFilterP99 };
}

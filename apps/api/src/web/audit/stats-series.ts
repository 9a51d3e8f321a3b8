import { OUTCOMES, type Outcome, type RequesterKind } from '@ledger/domain';
import { label, outcomeLabel } from '../shared/labels.js';
import type { ChartSeries } from './disclosures-chart.js';

/** The stats count a case without an outcome yet under `open`. */
const OUTCOME_COLOURS: Record<Outcome | 'open', string> = {
  released: '#00703c',
  released_in_part: '#5694ca',
  refused: '#b01c2e',
  refused_no_instrument: '#6f3c97',
  open: '#505a5f',
};
/** One colour per kind, whatever other kinds a period shows, so that a kind looks the same from one period to the next. */
const KIND_COLOURS: Record<RequesterKind, string> = {
  patron: '#1d3b53',
  family_or_friend: '#00703c',
  debt_payer: '#b01c2e',
  parent_or_guardian: '#8a4b00',
  law_enforcement: '#5694ca',
  vendor: '#6f3c97',
  public_records: '#505a5f',
  other: '#d4351c',
  government_agency: '#2b8cc4',
};

/**
 * The statistics page's outcome series: the columns of its table and the legend of its chart, from this one
 * list, so that both say the same words, the words every other page uses for an outcome.
 */
export const OUTCOME_SERIES: readonly ChartSeries[] = [
  ...OUTCOMES.map((outcome) => ({ key: outcome, label: label('outcome', outcome), colour: OUTCOME_COLOURS[outcome] })),
  { key: 'open', label: outcomeLabel(null), colour: OUTCOME_COLOURS.open },
];

/** The requester kinds asked in the period, as table columns and chart series alike (see `OUTCOME_SERIES`). */
export function requesterKindSeries(kinds: readonly RequesterKind[]): ChartSeries[] {
  return kinds.map((kind) => ({ key: kind, label: label('requesterKind', kind), colour: KIND_COLOURS[kind] }));
}

import type { LedgerConfig } from '@ledger/ledger';
import type { Projection } from '@ledger/projections';
import {
  accessLogProjection,
  consentIndexProjection,
  createCaseViewsProjection,
  identityDirectoryProjection,
  incidentsProjection,
  retentionProjection,
} from '@ledger/projections';

/**
 * Every read model the API keeps in `views.db`; the runner feeds them all from one `$all` subscription.
 * The case views (register, board, counsel queue, deadlines, findings) depend on the referral SLA, the breach-notice
 * period and the library's time zone its days are counted in, so the list is made from the configuration.
 */
export function projectionsFor(config: Pick<LedgerConfig, 'referralSlaMinutes'> & Partial<Pick<LedgerConfig, 'breachNoticeDays' | 'counselSlaHours' | 'timeZone'>>): readonly Projection[] {
  return [
    identityDirectoryProjection,
    accessLogProjection,
    createCaseViewsProjection({
      referralSlaMinutes: config.referralSlaMinutes,
      ...(config.breachNoticeDays !== undefined && { breachNoticeDays: config.breachNoticeDays }),
      ...(config.counselSlaHours !== undefined && { counselSlaHours: config.counselSlaHours }),
      ...(config.timeZone !== undefined && { timeZone: config.timeZone }),
    }),
    consentIndexProjection,
    retentionProjection,
    incidentsProjection,
  ];
}

import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore, type VerificationReport, verifyLedger } from '@ledger/ledger';
import { OneRunAtATime } from './one-run-at-a-time.js';
import { VerifyLedgerQuery } from './verify-ledger.query.js';

/** Verification reads the whole ledger on a worker thread per core: auditors asking together share runs. */
@QueryHandler(VerifyLedgerQuery)
export class VerifyLedgerHandler implements IQueryHandler<VerifyLedgerQuery> {
  private readonly verification: OneRunAtATime<VerificationReport>;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.verification = new OneRunAtATime(() => verifyLedger(store));
  }

  execute(): Promise<VerificationReport> {
    return this.verification.run();
  }
}

import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore, verifyLedger } from '@ledger/ledger';
import { VerifyLedgerQuery } from './verify-ledger.query.js';

@QueryHandler(VerifyLedgerQuery)
export class VerifyLedgerHandler implements IQueryHandler<VerifyLedgerQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute() {
    return verifyLedger(this.store);
  }
}

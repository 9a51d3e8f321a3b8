import { Query } from '@nestjs/cqrs';
import type { VerificationReport } from '@ledger/ledger';

export class VerifyLedgerQuery extends Query<VerificationReport> {}

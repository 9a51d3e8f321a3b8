export { CaseCommandRunner, type CaseCommandEnvelope, type CaseCommandResult, caseCommandResult } from '@ledger/runtime';

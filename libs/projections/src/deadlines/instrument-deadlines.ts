// The deadlines of a case are the domain's (`caseDeadlinesOf`); the views import them from here until they fold with it.
export {
  type DeadlineKind,
  type InstrumentDeadline,
  type InstrumentFacts,
  SUBPOENA_OBJECTION_DAYS,
  instrumentDeadlines,
  objectionFiledAt,
  objectionFiledBefore,
} from '@ledger/domain';

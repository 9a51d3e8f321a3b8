import { ApiProperty } from '@nestjs/swagger';
import { CASE_STATUSES, INSTRUMENT_TYPES, type CaseStatus, type InstrumentType } from '@ledger/domain';

export class DeadlineItemDto {
  @ApiProperty()
  caseId!: string;

  @ApiProperty({ nullable: true, type: String, description: 'null for a public-records reply, which no instrument sets' })
  instrumentId!: string | null;

  @ApiProperty({ enum: INSTRUMENT_TYPES, nullable: true })
  instrumentType!: InstrumentType | null;

  @ApiProperty({
    enum: ['return_date', 'objection_date', 'public_records_reply'],
    description: "`public_records_reply`: the reply to a public-records request for the library's statistics (the public-records law's period), while unanswered",
  })
  kind!: string;

  @ApiProperty({ description: 'ISO 8601' })
  dueAt!: string;

  @ApiProperty({ description: 'The date has passed, the case is still open, and no objection was filed before it' })
  missed!: boolean;

  @ApiProperty({
    nullable: true,
    type: String,
    description: "ISO 8601: when counsel's objection or motion to quash was filed, before this date — the clock stopped (\"objection filed\"); null otherwise",
  })
  objectionFiledAt!: string | null;

  @ApiProperty({ enum: CASE_STATUSES })
  status!: CaseStatus;

  @ApiProperty()
  sealed!: boolean;
}

import { ApiProperty } from '@nestjs/swagger';
import { CASE_STATUSES, INSTRUMENT_TYPES, type CaseStatus, type InstrumentType } from '@ledger/domain';

export class DeadlineItemDto {
  @ApiProperty()
  caseId!: string;

  @ApiProperty()
  instrumentId!: string;

  @ApiProperty({ enum: INSTRUMENT_TYPES })
  instrumentType!: InstrumentType;

  @ApiProperty({ enum: ['return_date', 'objection_date'] })
  kind!: string;

  @ApiProperty({ description: 'ISO 8601' })
  dueAt!: string;

  @ApiProperty({ description: 'The date has passed and the case is still open' })
  missed!: boolean;

  @ApiProperty({ enum: CASE_STATUSES })
  status!: CaseStatus;

  @ApiProperty()
  sealed!: boolean;
}

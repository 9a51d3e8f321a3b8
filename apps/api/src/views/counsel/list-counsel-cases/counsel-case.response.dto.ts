import { ApiProperty } from '@nestjs/swagger';
import { CASE_STATUSES, COUNSEL_ADVICE, INSTRUMENT_TYPES, REQUESTER_KINDS, type CaseStatus, type CounselAdvice, type InstrumentType, type RequesterKind } from '@ledger/domain';

/** A case referred to the calling counsel. */
export class CounselCaseDto {
  @ApiProperty()
  caseId!: string;

  @ApiProperty({ enum: REQUESTER_KINDS })
  requesterKind!: RequesterKind;

  @ApiProperty({ enum: CASE_STATUSES })
  status!: CaseStatus;

  @ApiProperty({ description: 'ISO 8601' })
  openedAt!: string;

  @ApiProperty()
  sealed!: boolean;

  @ApiProperty({ enum: INSTRUMENT_TYPES, isArray: true })
  instrumentTypes!: InstrumentType[];

  @ApiProperty({ nullable: true, type: String })
  referredAt!: string | null;

  @ApiProperty({ nullable: true, type: String })
  referralNote!: string | null;

  @ApiProperty({ enum: COUNSEL_ADVICE, nullable: true })
  advice!: CounselAdvice | null;

  @ApiProperty({ nullable: true, type: String })
  advisedAt!: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'the soonest deadline still running (a return date, the last day to object), as on the director’s board; ISO 8601' })
  nextDeadline!: string | null;
}

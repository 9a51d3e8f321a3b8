import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_STATUSES, CATEGORIES, REQUESTER_KINDS, type CaseStatus, type Category, type RequesterKind } from '@ledger/domain';

/** A wellness check as the director reviews it. */
export class WellnessCheckFactsDto {
  @ApiProperty({ description: 'ISO 8601: when staff called the agency' })
  occurredAt!: string;

  @ApiProperty({ description: 'userId of the staff member (or director) who recorded it' })
  recordedBy!: string;

  @ApiProperty()
  agency!: string;

  @ApiPropertyOptional()
  officer?: string;

  @ApiProperty({ enum: CATEGORIES, isArray: true, description: 'what was told to the agency' })
  categories!: Category[];
}

/** One row of the director's board. */
export class DirectorBoardItemDto {
  @ApiProperty()
  caseId!: string;

  @ApiProperty({ enum: ['disclosure_request', 'wellness_check'] })
  kind!: string;

  @ApiProperty({ enum: REQUESTER_KINDS })
  requesterKind!: RequesterKind;

  @ApiProperty({ enum: CASE_STATUSES })
  status!: CaseStatus;

  @ApiProperty({ nullable: true, type: String, description: 'What the case waits for, in words' })
  nextAction!: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'ISO 8601: the soonest deadline of the case' })
  nextDeadline!: string | null;

  @ApiProperty({ description: 'ISO 8601' })
  openedAt!: string;

  @ApiProperty()
  sealed!: boolean;

  @ApiPropertyOptional({ type: WellnessCheckFactsDto, description: 'on wellness checks only' })
  wellness?: WellnessCheckFactsDto;

  @ApiProperty({ nullable: true, type: String, description: 'The agency that asked (a police department, a government office); a requester’s own name is protected and shown on the case only' })
  requesterAgency!: string | null;

  @ApiProperty({ description: 'The case waits for the Director’s own decision' })
  needsDecision!: boolean;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_STATUSES, OUTCOMES, REQUESTER_KINDS, type CaseStatus, type Outcome, type RequesterKind } from '@ledger/domain';

/** A case the caller opened; a sealed one they are not named in is `{caseId, openedAt, sealed: true}` only. */
export class MyCaseDto {
  @ApiProperty()
  caseId!: string;

  @ApiProperty({ description: 'ISO 8601' })
  openedAt!: string;

  @ApiProperty()
  sealed!: boolean;

  @ApiPropertyOptional({ enum: ['disclosure_request', 'wellness_check'], description: 'absent on a sealed case' })
  kind?: string;

  @ApiPropertyOptional({ enum: REQUESTER_KINDS, description: 'absent on a sealed case' })
  requesterKind?: RequesterKind;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'the agency or organisation the requester spoke for, as the board names it; absent on a sealed case' })
  requesterAgency?: string | null;

  @ApiPropertyOptional({ enum: CASE_STATUSES, description: 'absent on a sealed case' })
  status?: CaseStatus;

  @ApiPropertyOptional({ enum: OUTCOMES, nullable: true, description: 'absent on a sealed case' })
  outcome?: Outcome | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'what the case waits for, in words; absent on a sealed case' })
  nextAction?: string | null;
}

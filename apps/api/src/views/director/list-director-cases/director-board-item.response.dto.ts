import { ApiProperty } from '@nestjs/swagger';
import { CASE_STATUSES, REQUESTER_KINDS, type CaseStatus, type RequesterKind } from '@ledger/domain';

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
}

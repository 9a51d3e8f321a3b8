import { ApiProperty } from '@nestjs/swagger';
import { FINDING_RULE_IDS } from '@ledger/domain';

export class FindingDto {
  @ApiProperty()
  findingId!: string;

  @ApiProperty({ enum: FINDING_RULE_IDS })
  rule!: string;

  @ApiProperty({ enum: ['violation', 'warning', 'info'] })
  severity!: string;

  @ApiProperty()
  caseId!: string;

  @ApiProperty({ description: 'ISO 8601: when the finding became true' })
  detectedAt!: string;

  @ApiProperty({ description: 'What happened (the findings of a sealed case the reader is not named in are left out)' })
  message!: string;

  @ApiProperty()
  citation!: string;
}

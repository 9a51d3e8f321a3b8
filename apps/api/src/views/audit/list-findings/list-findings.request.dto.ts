import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { FINDING_RULE_IDS, type FindingRule, type FindingSeverity } from '@ledger/domain';
import { IsCaseId } from '../../../cases/case-id.js';
import { PageQueryRequestDto } from '../../shared/page-query.request.dto.js';
import { IsInstant, NotBefore } from '../../../http/instant.js';

export class ListFindingsRequestDto extends PageQueryRequestDto {
  @ApiPropertyOptional({ description: 'detectedAt from (inclusive)' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'detectedAt to (exclusive)' })
  @IsOptional()
  @IsInstant()
  @NotBefore('from')
  to?: string;

  @ApiPropertyOptional({ enum: ['violation', 'warning', 'info'] })
  @IsOptional()
  @IsIn(['violation', 'warning', 'info'])
  severity?: FindingSeverity;

  @ApiPropertyOptional({ enum: FINDING_RULE_IDS })
  @IsOptional()
  @IsIn(FINDING_RULE_IDS)
  rule?: FindingRule;

  @ApiPropertyOptional({ description: 'a case id', format: 'uuid' })
  @IsOptional()
  @IsCaseId()
  caseId?: string;
}

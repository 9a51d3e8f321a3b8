import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { IsCaseId } from '../../cases/case-id.js';
import { PageQueryRequestDto } from '../../views/shared/page-query.request.dto.js';
import { IsInstant, NotBefore } from '../../http/instant.js';

export class ListAccessLogRequestDto extends PageQueryRequestDto {
  @ApiPropertyOptional({ description: 'ISO date-time, inclusive' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'ISO date-time, exclusive' })
  @IsOptional()
  @IsInstant()
  @NotBefore('from')
  to?: string;

  @ApiPropertyOptional({ description: 'a user id', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ description: 'a case id', format: 'uuid' })
  @IsOptional()
  @IsCaseId()
  caseId?: string;
}

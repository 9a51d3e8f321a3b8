import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { IsCaseId } from '../../cases/case-id.js';
import { PageQueryRequestDto } from '../../views/shared/page-query.request.dto.js';

export class ListAccessLogRequestDto extends PageQueryRequestDto {
  @ApiPropertyOptional({ description: 'ISO date-time, inclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'ISO date-time, exclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
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

import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { ViewQueryRequestDto } from '../../shared/page-query.request.dto.js';

export class DisclosureStatsRequestDto extends ViewQueryRequestDto {
  @ApiPropertyOptional({ description: 'openedAt from (inclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'openedAt to (exclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

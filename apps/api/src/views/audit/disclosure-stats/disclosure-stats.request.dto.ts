import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { ViewQueryRequestDto } from '../../shared/page-query.request.dto.js';
import { IsInstant, NotBefore } from '../../../http/instant.js';

export class DisclosureStatsRequestDto extends ViewQueryRequestDto {
  @ApiPropertyOptional({ description: 'openedAt from (inclusive)' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'openedAt to (exclusive)' })
  @IsOptional()
  @IsInstant()
  @NotBefore('from')
  to?: string;
}

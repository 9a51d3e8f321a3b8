import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { ViewQueryRequestDto } from '../../views/shared/page-query.request.dto.js';

export class ListRetentionDueRequestDto extends ViewQueryRequestDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Due on or before this instant (default: now); a later date previews the purges to come' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  before?: string;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { PlainDecimal } from '../../http/plain-decimal.js';
import { ViewQueryRequestDto } from '../../views/shared/page-query.request.dto.js';

export class ProveEventRequestDto extends ViewQueryRequestDto {
  @ApiPropertyOptional({ description: 'the tree size to prove against; default: the latest checkpoint’s', minimum: 1 })
  @IsOptional()
  @PlainDecimal()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  size?: number;
}

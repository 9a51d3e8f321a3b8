import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { PlainDecimal } from '../../http/plain-decimal.js';
import { ViewQueryRequestDto } from '../../views/shared/page-query.request.dto.js';

export class ProveConsistencyRequestDto extends ViewQueryRequestDto {
  @ApiProperty({ description: 'the size of the older tree (a checkpoint the caller holds)', minimum: 0 })
  @PlainDecimal()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  from!: number;

  @ApiProperty({ description: 'the size of the newer tree', minimum: 0 })
  @PlainDecimal()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  to!: number;
}

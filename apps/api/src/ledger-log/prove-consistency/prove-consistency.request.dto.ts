import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { ViewQueryRequestDto } from '../../views/shared/page-query.request.dto.js';

export class ProveConsistencyRequestDto extends ViewQueryRequestDto {
  @ApiProperty({ description: 'the size of the older tree (a checkpoint the caller holds)', minimum: 0 })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  from!: number;

  @ApiProperty({ description: 'the size of the newer tree', minimum: 0 })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  to!: number;
}

import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { PlainDecimal } from '../../http/plain-decimal.js';
import { ViewQueryRequestDto } from '../../views/shared/page-query.request.dto.js';

export class ProveInclusionRequestDto extends ViewQueryRequestDto {
  @ApiProperty({ description: 'the leaf index (0-based: the event’s place in $all)', minimum: 0 })
  @PlainDecimal()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  index!: number;

  @ApiProperty({ description: 'the size of the tree (a checkpoint the caller holds)', minimum: 1 })
  @PlainDecimal()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  size!: number;
}

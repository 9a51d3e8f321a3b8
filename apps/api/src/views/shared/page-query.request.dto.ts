import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

/** `minPosition` for read-your-writes. */
export class ViewQueryRequestDto {
  @ApiPropertyOptional({ description: 'wait (up to 5 s) until the views have reached this position; 503 if they do not' })
  @IsOptional()
  @Matches(/^\d{1,20}$/, { message: 'minPosition must be a decimal position' })
  minPosition?: string;
}

/** `limit` (1–500, default 50) and the opaque `cursor` of the previous page. */
export class PageQueryRequestDto extends ViewQueryRequestDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'opaque cursor from the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  cursor?: string;
}

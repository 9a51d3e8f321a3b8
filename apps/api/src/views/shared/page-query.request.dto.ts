import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { SingleLine } from '../../http/text.js';

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
  // Plain decimal only: Number() would read `0x10` as 16 and `016` or ` 16` as 16 too.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^[1-9]\d{0,2}$/.test(value) ? Number(value) : value))
  @IsInt({ message: 'limit must be a whole number from 1 to 500, written in plain decimal' })
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'opaque cursor from the previous page' })
  @IsOptional()
  @IsString()
  @SingleLine(1, 500)
  cursor?: string;
}

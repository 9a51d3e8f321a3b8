import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { PageQueryRequestDto } from '../../shared/page-query.request.dto.js';

export class ListDeadlinesRequestDto extends PageQueryRequestDto {
  @ApiPropertyOptional({ description: 'how far ahead: a whole number of days (d) or hours (h), up to 3650d', default: '30d', example: '30d' })
  @IsOptional()
  @Matches(/^([1-9]\d{0,3})([dh])$/, { message: 'within must be like 30d or 12h' })
  within?: string;
}

/** `30d` → milliseconds. */
export function withinMs(within: string | undefined): number {
  const match = /^(\d+)([dh])$/.exec(within ?? '30d')!;
  const amount = Math.min(Number(match[1]), match[2] === 'd' ? 3650 : 3650 * 24);
  return amount * (match[2] === 'd' ? 86_400_000 : 3_600_000);
}

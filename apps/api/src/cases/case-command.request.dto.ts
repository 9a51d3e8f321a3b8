import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsInstant } from '../http/instant.js';

/** What every case command body may carry: when the thing happened. */
export class CaseCommandRequestDto {
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When it happened (ISO 8601). Not after the server\u2019s clock, not before the case was received (400). Default: now.',
    example: '2024-07-10T14:05:00Z',
  })
  @IsOptional()
  @IsInstant()
  occurredAt?: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { IsInstant } from '../http/instant.js';
import { SingleLine } from '../http/text.js';
import { PATRON_REF_MAX } from '@ledger/domain';

/** The clear patron reference (card number or patron id): only ever in a body, never logged. */
export class PatronRefRequestDto {
  @ApiProperty({ minLength: 1, maxLength: 64, description: 'Card number or patron id, as the library knows it', example: '21234000123456' })
  @IsString()
  @SingleLine(1, PATRON_REF_MAX)
  patronRef!: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When it happened (not in the future); default: now' })
  @IsOptional()
  @IsInstant()
  occurredAt?: string;
}

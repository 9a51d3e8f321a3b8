import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsObject,
  IsOptional,
  IsString,
  ValidateNested,
} from 'class-validator';
import { type Category, NAME_MAX, PATRON_REF_MAX, TEXT_MAX } from '@ledger/domain';
import { CategoryList } from '../../http/category-list.decorator.js';
import { IsInstant } from '../../http/instant.js';
import { SingleLine, MultiLine } from '../../http/text.js';

export class WellnessPatronDto {
  @ApiProperty({ minLength: 1, maxLength: 64, description: 'Card number or patron id (never logged)' })
  @IsString()
  @SingleLine(1, PATRON_REF_MAX)
  ref!: string;
}

export class RecordWellnessCheckRequestDto {
  @ApiProperty({ type: WellnessPatronDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => WellnessPatronDto)
  patron!: WellnessPatronDto;

  @ApiProperty({
    type: Boolean,
    enum: [true],
    description:
      'Staff have reason to suspect an immediate threat to the patron\'s welfare: the only basis for a wellness check. Required; anything but `true` (or leaving it out) is 422 WELLNESS-IMMEDIATE-ONLY, decided by the policy rather than by body validation.',
  })
  @IsOptional()
  @IsBoolean()
  immediateThreat?: boolean;

  @ApiProperty({
    minLength: 1,
    maxLength: 4000,
    description: 'What staff saw or heard that makes them fear for the patron. Required (missing or blank: 422 WELLNESS-IMMEDIATE-ONLY).',
    example: 'The patron collapsed in the reading room, said they had taken pills, and left before the ambulance came',
  })
  @IsOptional()
  @IsString()
  @MultiLine(0, TEXT_MAX)
  observed?: string;

  @ApiProperty({ minLength: 1, maxLength: TEXT_MAX, description: 'What staff fear for the patron, as told to the agency' })
  @IsString()
  @MultiLine(1, TEXT_MAX)
  concern!: string;

  @ApiProperty({ minLength: 1, maxLength: NAME_MAX, example: 'Springfield Police Department' })
  @IsString()
  @SingleLine(1, NAME_MAX)
  agency!: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: NAME_MAX })
  @IsOptional()
  @IsString()
  @SingleLine(1, NAME_MAX)
  officer?: string;

  @CategoryList('Only name, phone and address may be disclosed (422 WELLNESS-SCOPE otherwise)')
  categories!: Category[];

  @ApiPropertyOptional({ format: 'date-time', description: 'When it happened (not in the future); default: now' })
  @IsOptional()
  @IsInstant()
  occurredAt?: string;
}

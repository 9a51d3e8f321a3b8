import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsISO8601, IsObject, IsOptional, IsString, Length, ValidateNested } from 'class-validator';

export class AffectedPatronsDto {
  @ApiPropertyOptional({ type: [String], maxItems: 1000, description: 'Card numbers or patron ids (stored as blind index and ciphertext only)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  patronRefs?: string[];

  @ApiPropertyOptional({ minLength: 1, maxLength: 4000, description: 'Patrons described rather than listed', example: 'Every subscriber to the monthly newsletter' })
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  group?: string;
}

export class RecordBreachIncidentRequestDto {
  @ApiProperty({ format: 'date-time', description: 'When the library discovered the breach (the notice period runs from here)' })
  @IsISO8601({ strict: true, strictSeparator: true })
  discoveredAt!: string;

  @ApiProperty({ minLength: 1, maxLength: 4000, description: 'What happened' })
  @IsString()
  @Length(1, 4000)
  description!: string;

  @ApiProperty({ type: [String], minItems: 1, maxItems: 20, description: 'The systems involved', example: ['newsletter service'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  systems!: string[];

  @ApiProperty({ type: AffectedPatronsDto, description: 'The affected patrons by reference, a described group, or both' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => AffectedPatronsDto)
  affected!: AffectedPatronsDto;
}

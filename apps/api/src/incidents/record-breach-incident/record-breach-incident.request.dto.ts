import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsIn, IsISO8601, IsObject, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { AFFECTED_PATRONS_MAX, BREACH_DATA_ELEMENTS, type BreachDataElement, INCIDENT_SYSTEMS_MAX, NAME_MAX, PATRON_REF_MAX, TEXT_MAX } from '@ledger/domain';

export class AffectedPatronsDto {
  @ApiPropertyOptional({ type: [String], maxItems: 1000, description: 'Card numbers or patron ids (stored as blind index and ciphertext only)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(AFFECTED_PATRONS_MAX)
  @IsString({ each: true })
  @Length(1, PATRON_REF_MAX, { each: true })
  patronRefs?: string[];

  @ApiPropertyOptional({ minLength: 1, maxLength: TEXT_MAX, description: 'Patrons described rather than listed', example: 'Every subscriber to the monthly newsletter' })
  @IsOptional()
  @IsString()
  @Length(1, TEXT_MAX)
  group?: string;
}

export class RecordBreachIncidentRequestDto {
  @ApiProperty({ format: 'date-time', description: 'When the library discovered the breach (the notice period runs from here)' })
  @IsISO8601({ strict: true, strictSeparator: true })
  discoveredAt!: string;

  @ApiProperty({ minLength: 1, maxLength: TEXT_MAX, description: 'What happened' })
  @IsString()
  @Length(1, TEXT_MAX)
  description!: string;

  @ApiProperty({ type: [String], minItems: 1, maxItems: 20, description: 'The systems involved', example: ['newsletter service'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(INCIDENT_SYSTEMS_MAX)
  @IsString({ each: true })
  @Length(1, NAME_MAX, { each: true })
  systems!: string[];

  @ApiProperty({ type: AffectedPatronsDto, description: 'The affected patrons by reference, a described group, or both' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => AffectedPatronsDto)
  affected!: AffectedPatronsDto;

  @ApiProperty({
    enum: BREACH_DATA_ELEMENTS,
    isArray: true,
    minItems: 1,
    description:
      'What was exposed. `name` with any of `social_security_number` … `biometric_data`, or `online_credentials`, is personal information under the breach statute: it requires the notices (and the Attorney General\u2019s); anything else (`other`: a borrowing history, an address) is under the policy alone',
    example: ['name', 'other'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BREACH_DATA_ELEMENTS.length)
  @IsIn(BREACH_DATA_ELEMENTS, { each: true })
  dataElements!: BreachDataElement[];
}

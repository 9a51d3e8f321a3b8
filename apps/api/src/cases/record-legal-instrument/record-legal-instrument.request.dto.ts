import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  ValidateNested,
} from 'class-validator';
import { INSTRUMENT_TYPES, JURISDICTIONS, type CaseCommandBase, type Category, type InstrumentType, type Jurisdiction, type RecordLegalInstrument, NAME_MAX } from '@ledger/domain';
import { CaseCommandRequestDto } from '../case-command.request.dto.js';
import { CategoryList } from '../../http/category-list.decorator.js';
import { IsInstant, NotBefore } from '../../http/instant.js';
import { SingleLine } from '../../http/text.js';

export class InstrumentScopeDto {
  @CategoryList('What the instrument demands')
  categories!: Category[];

  @ApiPropertyOptional({ format: 'date-time', description: 'Records from (the period the instrument covers)' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Records until' })
  @IsOptional()
  @IsInstant()
  @NotBefore('from')
  to?: string;
}

export class RecordLegalInstrumentRequestDto extends CaseCommandRequestDto {
  @ApiProperty({ enum: INSTRUMENT_TYPES })
  @IsIn(INSTRUMENT_TYPES)
  type!: InstrumentType;

  @ApiProperty({ minLength: 1, maxLength: NAME_MAX, example: 'Connecticut Superior Court, J.D. of Hartford' })
  @IsString()
  @SingleLine(1, NAME_MAX)
  issuedBy!: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: NAME_MAX })
  @IsOptional()
  @IsString()
  @SingleLine(1, NAME_MAX)
  court?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: NAME_MAX, example: 'HHD-CR24-0123456-T' })
  @IsOptional()
  @IsString()
  @SingleLine(1, NAME_MAX)
  docketNumber?: string;

  @ApiProperty({ format: 'date-time', description: 'When it was served on the library' })
  @IsInstant()
  servedAt!: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: NAME_MAX, description: 'Who it was served on' })
  @IsOptional()
  @IsString()
  @SingleLine(1, NAME_MAX)
  servedOn?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When records are due (finding DEADLINE-MISSED if the case is still open then)' })
  @IsOptional()
  @IsInstant()
  returnDate?: string;

  @ApiProperty({ type: InstrumentScopeDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => InstrumentScopeDto)
  scope!: InstrumentScopeDto;

  @ApiProperty({ description: 'A non-disclosure (gag) order: seals the case' })
  @IsBoolean()
  nondisclosureOrder!: boolean;

  @ApiPropertyOptional({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the scanned instrument, lower-case hex' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9a-f]{64}$/)
  documentSha256?: string;

  @ApiPropertyOptional({ enum: JURISDICTIONS, description: 'Whose law governs it: a federal subpoena is answered under FRCP 45' })
  @IsOptional()
  @IsIn(JURISDICTIONS)
  jurisdiction?: Jurisdiction;
}

/** The domain command's fields (`type` is `instrumentType` there). */
export function toInstrumentFields(body: RecordLegalInstrumentRequestDto): Omit<RecordLegalInstrument, keyof CaseCommandBase | 'type' | 'instrumentId'> {
  const optional = <K extends 'court' | 'docketNumber' | 'servedOn' | 'returnDate' | 'documentSha256' | 'jurisdiction'>(key: K) =>
    body[key] !== undefined ? { [key]: body[key] } : {};
  return {
    instrumentType: body.type,
    issuedBy: body.issuedBy,
    servedAt: body.servedAt,
    scope: {
      categories: body.scope.categories,
      ...(body.scope.from !== undefined && { from: body.scope.from }),
      ...(body.scope.to !== undefined && { to: body.scope.to }),
    },
    nondisclosureOrder: body.nondisclosureOrder,
    ...optional('court'),
    ...optional('docketNumber'),
    ...optional('servedOn'),
    ...optional('returnDate'),
    ...optional('documentSha256'),
    ...optional('jurisdiction'),
  };
}

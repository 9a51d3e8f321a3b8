import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  ValidateNested,
} from 'class-validator';
import { SUBJECT_KINDS, type SubjectKind } from '@ledger/domain';
import { IsInstant, NotBefore } from '../../http/instant.js';
import { CHANNELS, IDENTIFICATION_KINDS, REQUESTER_KINDS, type Category, type Channel, type IdentificationKind, type RequesterKind, IDENTIFICATIONS_MAX, NAME_MAX, PATRON_REF_MAX, TEXT_MAX } from '@ledger/domain';
import { CaseCommandRequestDto } from '../case-command.request.dto.js';
import { CategoryList } from '../../http/category-list.decorator.js';
import { SingleLine, MultiLine } from '../../http/text.js';

export class RequesterDto {
  @ApiProperty({ enum: REQUESTER_KINDS })
  @IsIn(REQUESTER_KINDS)
  kind!: RequesterKind;

  @ApiProperty({ minLength: 1, maxLength: NAME_MAX, description: 'Who is asking, as they gave it', example: 'Ann Lee' })
  @IsString()
  @SingleLine(1, NAME_MAX)
  name!: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: NAME_MAX, example: 'State Police, Troop H', description: 'The government body the requester acts for: any requester naming one is routed to the Director (GOVERNMENT-REFER), whatever consent exists' })
  @IsOptional()
  @IsString()
  @SingleLine(1, NAME_MAX)
  agency?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: NAME_MAX, example: '4471' })
  @IsOptional()
  @IsString()
  @SingleLine(1, NAME_MAX)
  badgeNumber?: string;
}

export class RequestPatronDto {
  @ApiProperty({ minLength: 1, maxLength: 64, description: 'Card number or patron id. Stored only encrypted; never logged.', example: '21234000123456' })
  @IsString()
  @SingleLine(1, PATRON_REF_MAX)
  ref!: string;

  @ApiPropertyOptional({ description: 'The patron is a minor (a guardian may then ask). Unknown counts as an adult.' })
  @IsOptional()
  @IsBoolean()
  isMinor?: boolean;
}

export class RequestSubjectDto {
  @ApiProperty({ enum: SUBJECT_KINDS })
  @IsIn(SUBJECT_KINDS)
  kind!: SubjectKind;

  @ApiProperty({ minLength: 1, maxLength: NAME_MAX, example: 'Public computer 4, main floor' })
  @IsString()
  @SingleLine(1, NAME_MAX)
  description!: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'The period asked about: from' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'The period asked about: to' })
  @IsOptional()
  @IsInstant()
  @NotBefore('from')
  to?: string;
}

export class IdentificationDto {
  @ApiProperty({ enum: IDENTIFICATION_KINDS })
  @IsIn(IDENTIFICATION_KINDS)
  kind!: IdentificationKind;

  @ApiPropertyOptional({ minLength: 1, maxLength: NAME_MAX, description: 'e.g. the kind of photo id seen; never the card number itself' })
  @IsOptional()
  @IsString()
  @SingleLine(1, NAME_MAX)
  detail?: string;
}

export class OpenCaseRequestDto extends CaseCommandRequestDto {
  @ApiProperty({ type: RequesterDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => RequesterDto)
  requester!: RequesterDto;

  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  channel!: Channel;

  @ApiPropertyOptional({ type: RequestPatronDto, description: 'Whose records: exactly one of `patron` and `subject` (400 otherwise)' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RequestPatronDto)
  patron?: RequestPatronDto;

  @ApiPropertyOptional({ type: RequestSubjectDto, description: 'Instead of `patron`: a request about a resource or a transaction ("who used public computer 4 between 3 and 4 pm"); always `refer_to_director`' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RequestSubjectDto)
  subject?: RequestSubjectDto;

  @CategoryList()
  requestedCategories!: Category[];

  @ApiPropertyOptional({ type: [IdentificationDto], minItems: 0, maxItems: 5, description: 'What the requester showed or gave; default none' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(IDENTIFICATIONS_MAX)
  @ValidateNested({ each: true })
  @Type(() => IdentificationDto)
  identification?: IdentificationDto[];

  @ApiPropertyOptional({ minLength: 1, maxLength: TEXT_MAX, description: 'The errand (required for family or friends to get anything)', example: 'Renew her holds' })
  @IsOptional()
  @IsString()
  @MultiLine(1, TEXT_MAX)
  purpose?: string;
}

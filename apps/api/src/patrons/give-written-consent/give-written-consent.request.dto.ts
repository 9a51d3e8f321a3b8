import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { CATEGORIES, type Category } from '@ledger/domain';
import { PatronRefRequestDto } from '../patron-ref.request.dto.js';

export class GiveWrittenConsentRequestDto extends PatronRefRequestDto {
  @ApiProperty({ minLength: 1, maxLength: 200, description: 'The person the patron names, as written on the form', example: 'Ann Lee' })
  @IsString()
  @Length(1, 200)
  grantee!: string;

  @ApiProperty({ enum: CATEGORIES, isArray: true, minItems: 1, maxItems: 18, uniqueItems: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(18)
  @ArrayUnique()
  @IsIn(CATEGORIES, { each: true })
  categories!: Category[];

  @ApiPropertyOptional({ format: 'date-time', description: 'The consent ends at this instant (exclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  expiresAt?: string;

  @ApiPropertyOptional({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the signed form, lower-case hex' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9a-f]{64}$/)
  documentSha256?: string;
}

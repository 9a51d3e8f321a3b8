import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { type Category, NAME_MAX } from '@ledger/domain';
import { PatronRefRequestDto } from '../patron-ref.request.dto.js';
import { CategoryList } from '../../http/category-list.decorator.js';
import { IsInstant } from '../../http/instant.js';
import { SingleLine } from '../../http/text.js';

export class GiveWrittenConsentRequestDto extends PatronRefRequestDto {
  @ApiProperty({ minLength: 1, maxLength: NAME_MAX, description: 'The person the patron names, as written on the form', example: 'Ann Lee' })
  @IsString()
  @SingleLine(1, NAME_MAX)
  grantee!: string;

  @CategoryList()
  categories!: Category[];

  @ApiPropertyOptional({ format: 'date-time', description: 'The consent ends at this instant (exclusive)' })
  @IsOptional()
  @IsInstant()
  expiresAt?: string;

  @ApiPropertyOptional({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the signed form, lower-case hex' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9a-f]{64}$/)
  documentSha256?: string;
}

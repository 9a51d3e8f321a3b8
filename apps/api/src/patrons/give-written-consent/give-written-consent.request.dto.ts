import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { type Category, CONSENT_IDENTIFICATIONS, type ConsentIdentification, NAME_MAX } from '@ledger/domain';
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

  // Required, but by the policy: a consent without it is 422 CONSENT-PROOF (a malformed one 400).
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the signed form, lower-case hex (without it: 422 `CONSENT-PROOF`)' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9a-f]{64}$/)
  documentSha256?: string;

  @ApiProperty({ enum: CONSENT_IDENTIFICATIONS, description: 'How the patron giving consent was identified: a photo id in person, or their card with a signature on file (without it: 422 `CONSENT-PROOF`)' })
  @IsOptional()
  @IsIn(CONSENT_IDENTIFICATIONS)
  identification?: ConsentIdentification;

  @ApiPropertyOptional({ description: 'The patron is a minor: `guardianIdentification` is then required (422 `CONSENT-PROOF`)' })
  @IsOptional()
  @IsBoolean()
  minor?: boolean;

  @ApiPropertyOptional({ enum: CONSENT_IDENTIFICATIONS, description: 'A parent or guardian co-signed the form, identified so' })
  @IsOptional()
  @IsIn(CONSENT_IDENTIFICATIONS)
  guardianIdentification?: ConsentIdentification;
}

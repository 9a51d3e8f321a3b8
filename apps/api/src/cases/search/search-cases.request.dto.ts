import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { NAME_MAX, PATRON_REF_MAX } from '@ledger/domain';
import { SingleLine } from '../../http/text.js';
import { PageQueryRequestDto } from '../../views/shared/page-query.request.dto.js';

/** What to look for; every term given must match. In the body, so a patron reference never travels in a URL. */
export class SearchCasesRequestDto extends PageQueryRequestDto {
  @ApiPropertyOptional({ description: 'A case id, exactly' })
  @IsOptional()
  @IsString()
  @SingleLine(1, NAME_MAX)
  caseId?: string;

  @ApiPropertyOptional({ description: 'An instrument\u2019s docket number, or its beginning; case, spaces and punctuation ignored', example: 'CV-24-0117' })
  @IsOptional()
  @IsString()
  @SingleLine(1, NAME_MAX)
  docketNumber?: string;

  @ApiPropertyOptional({ description: 'The requester\u2019s name or agency: any of its words starting with this; case and accents ignored. A patron asking about their own records is not found by name (their name is kept encrypted)', example: 'Kim' })
  @IsOptional()
  @IsString()
  @SingleLine(1, NAME_MAX)
  requesterName?: string;

  @ApiPropertyOptional({ description: 'The patron\u2019s card number or patron id (the director and auditors only; 403 for others): finds their cases under any of their identifiers. Never stored or logged' })
  @IsOptional()
  @IsString()
  @SingleLine(1, PATRON_REF_MAX)
  patronRef?: string;
}

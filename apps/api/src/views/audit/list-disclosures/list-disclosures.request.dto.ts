import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { CATEGORIES, CHANNELS, OUTCOMES, REQUESTER_KINDS, type Category, type Channel, type Outcome, type RequesterKind } from '@ledger/domain';
import { PageQueryRequestDto } from '../../shared/page-query.request.dto.js';
import { IsInstant, NotBefore } from '../../../http/instant.js';

/** A patron pseudonym as auditors see it: `P-` and 12 hex digits. */
export const PSEUDONYM = /^P-[0-9a-f]{12}$/;

/** The register's filters, shared by the query-string listing and the body search by patron reference. */
export class DisclosureFiltersRequestDto extends PageQueryRequestDto {
  @ApiPropertyOptional({ description: 'openedAt from (ISO date-time, inclusive)' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'openedAt to (ISO date-time, exclusive)' })
  @IsOptional()
  @IsInstant()
  @NotBefore('from')
  to?: string;

  @ApiPropertyOptional({ enum: REQUESTER_KINDS })
  @IsOptional()
  @IsIn(REQUESTER_KINDS)
  requesterKind?: RequesterKind;

  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({ enum: OUTCOMES })
  @IsOptional()
  @IsIn(OUTCOMES)
  outcome?: Outcome;

  @ApiPropertyOptional({ enum: CATEGORIES, description: 'cases that asked for or released this category' })
  @IsOptional()
  @IsIn(CATEGORIES)
  category?: Category;
}

export class ListDisclosuresRequestDto extends DisclosureFiltersRequestDto {
  @ApiPropertyOptional({
    description:
      'the patron PSEUDONYM (P- and 12 hex digits), as the register shows it. A patron reference never travels in a URL: to search by reference, POST /v1/audit/disclosures/search with {patronRef} in the body.',
    example: 'P-3f9a0c12b7de',
  })
  @IsOptional()
  @Matches(PSEUDONYM, { message: 'patron must be a pseudonym (P- and 12 hex digits); a patron reference never travels in a URL' })
  patron?: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import { CATEGORIES, CHANNELS, OUTCOMES, REQUESTER_KINDS, type Category, type Channel, type Outcome, type RequesterKind } from '@ledger/domain';
import { PageQueryRequestDto } from '../../shared/page-query.request.dto.js';

/** The register filtered by a patron reference, which may only travel in a body. */
export class SearchDisclosuresRequestDto extends PageQueryRequestDto {
  @ApiProperty({ description: "the patron's reference (card number or patron id); turned into its pseudonym, never stored or logged" })
  @IsString()
  @Length(1, 64)
  patronRef!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true })
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

  @ApiPropertyOptional({ enum: CATEGORIES })
  @IsOptional()
  @IsIn(CATEGORIES)
  category?: Category;
}

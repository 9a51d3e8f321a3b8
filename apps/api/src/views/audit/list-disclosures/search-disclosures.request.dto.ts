import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { DisclosureFiltersRequestDto } from './list-disclosures.request.dto.js';
import { SingleLine } from '../../../http/text.js';
import { PATRON_REF_MAX } from '@ledger/domain';

/** The register filtered by a patron reference, which may only travel in a body. */
export class SearchDisclosuresRequestDto extends DisclosureFiltersRequestDto {
  @ApiProperty({ description: "the patron's reference (card number or patron id); turned into its pseudonym, never stored or logged" })
  @IsString()
  @SingleLine(1, PATRON_REF_MAX)
  patronRef!: string;
}

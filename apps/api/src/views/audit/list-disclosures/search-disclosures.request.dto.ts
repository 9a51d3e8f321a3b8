import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { DisclosureFiltersRequestDto } from './list-disclosures.request.dto.js';

/** The register filtered by a patron reference, which may only travel in a body. */
export class SearchDisclosuresRequestDto extends DisclosureFiltersRequestDto {
  @ApiProperty({ description: "the patron's reference (card number or patron id); turned into its pseudonym, never stored or logged" })
  @IsString()
  @Length(1, 64)
  patronRef!: string;
}

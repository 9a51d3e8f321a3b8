import { ApiProperty } from '@nestjs/swagger';

export class LinkPatronIdentifierResponseDto {
  @ApiProperty({ description: 'The patron both identifiers now name', example: 'P-3f9a0c41d2e7' })
  patronPseudonym!: string;

  @ApiProperty({ description: 'The identifier linked', example: 'P-a81c33e0f412' })
  identifierPseudonym!: string;

  @ApiProperty({ description: 'Position in the ledger (decimal string): pass as `minPosition` to views', example: '101' })
  position!: string;
}

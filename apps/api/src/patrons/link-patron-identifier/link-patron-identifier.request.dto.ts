import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { PATRON_REF_MAX } from '@ledger/domain';
import { SingleLine } from '../../http/text.js';

/** Two clear identifiers of one patron: only ever in a body, never logged, never stored in clear. */
export class LinkPatronIdentifierRequestDto {
  @ApiProperty({ minLength: 1, maxLength: PATRON_REF_MAX, description: 'A card number or patron id the patron is already known by', example: '21234000123456' })
  @IsString()
  @SingleLine(1, PATRON_REF_MAX)
  patronRef!: string;

  @ApiProperty({ minLength: 1, maxLength: PATRON_REF_MAX, description: 'Another card number or the ILS patron id of the same patron', example: 'ILS-884120' })
  @IsString()
  @SingleLine(1, PATRON_REF_MAX)
  identifier!: string;
}

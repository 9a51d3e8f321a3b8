import { ApiProperty } from '@nestjs/swagger';
import { NAME_MAX } from '@ledger/domain';
import { SingleLine } from '../../http/text.js';

export class ApproveVendorRequestDto {
  @ApiProperty({ description: 'The vendor as its requests name it (matched like a consent grantee when its credentials name no vendorId)', maxLength: NAME_MAX })
  @SingleLine(1, NAME_MAX)
  name!: string;

  @ApiProperty({ description: 'What it provides the library, e.g. "eBooks" or "Genealogy database"', maxLength: NAME_MAX })
  @SingleLine(1, NAME_MAX)
  service!: string;
}

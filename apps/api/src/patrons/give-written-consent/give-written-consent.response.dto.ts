import { ApiProperty } from '@nestjs/swagger';
import { WriteResponseDto } from '../../http/write.response.dto.js';

export class GiveWrittenConsentResponseDto extends WriteResponseDto {
  @ApiProperty({ description: 'Names the consent, e.g. to revoke it' })
  consentId!: string;
}

import { ApiProperty } from '@nestjs/swagger';
import { WriteResponseDto } from '../../http/write.response.dto.js';

export class ApproveVendorResponseDto extends WriteResponseDto {
  @ApiProperty({ description: 'The approved vendor: its credentials name it in `identification[].detail`' })
  vendorId!: string;
}

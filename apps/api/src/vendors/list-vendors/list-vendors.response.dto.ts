import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class VendorResponseDto {
  @ApiProperty() vendorId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() service!: string;
  @ApiProperty({ description: 'Whether its requests are answered now' }) approved!: boolean;
  @ApiProperty({ format: 'date-time' }) approvedAt!: string;
  @ApiProperty({ description: 'The Director who approved it' }) approvedBy!: string;
  @ApiPropertyOptional({ format: 'date-time' }) withdrawnAt?: string;
}

export class VendorListResponseDto {
  @ApiProperty({ type: [VendorResponseDto], description: 'Every vendor ever approved, withdrawn ones included' })
  items!: VendorResponseDto[];
}

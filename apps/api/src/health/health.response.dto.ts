import { ApiProperty } from '@nestjs/swagger';

export class HealthResponseDto {
  @ApiProperty({ example: 'ok' })
  status!: string;

  @ApiProperty({ enum: ['sqlite', 'eventstoredb'] })
  store!: string;

  @ApiProperty({ nullable: true, type: String, description: 'The ledger\u2019s head position (decimal string); null while empty' })
  position!: string | null;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class BrokenLinkDto {
  @ApiProperty({ example: 'case-6f1c1f6e-3a52-4c3e-9d0e-0d6b8a0e2f11' })
  stream!: string;

  @ApiProperty({ example: '3' })
  revision!: string;

  @ApiProperty()
  position!: string;

  @ApiProperty({ enum: ['hash_mismatch', 'prev_mismatch', 'revision_gap', 'missing_chain_fields'] })
  reason!: string;
}

export class VerifyLedgerResponseDto {
  @ApiProperty({ description: 'Every hash chain re-computed from the stored bytes is intact' })
  ok!: boolean;

  @ApiProperty({ type: 'integer' })
  streams!: number;

  @ApiProperty({ type: 'integer' })
  events!: number;

  @ApiPropertyOptional({ type: BrokenLinkDto, description: 'The first broken link in ledger order, when not ok' })
  firstBroken?: BrokenLinkDto;
}

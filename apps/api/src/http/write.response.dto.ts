import { ApiProperty } from '@nestjs/swagger';

/** The answer of a command on a stream other than a case: where the write landed. */
export class WriteResponseDto {
  @ApiProperty({ description: 'The stream\u2019s revision after this command (decimal string)', example: '0' })
  revision!: string;

  @ApiProperty({ description: 'Position in the ledger (decimal string): pass as `minPosition` to views', example: '101' })
  position!: string;
}

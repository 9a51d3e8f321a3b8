import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { NAME_MAX, PATRON_REF_MAX, TEXT_MAX } from '@ledger/domain';

/** Exactly one of `caseId` and `patronRef` (the handler's controller checks which). */
export class PlaceLegalHoldRequestDto {
  @ApiPropertyOptional({ description: 'Hold one case' })
  @IsOptional()
  @IsString()
  @Length(1, NAME_MAX)
  caseId?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 64, description: 'Hold every case of one patron (card number or patron id; stored only as its blind index)' })
  @IsOptional()
  @IsString()
  @Length(1, PATRON_REF_MAX)
  patronRef?: string;

  @ApiProperty({ minLength: 1, maxLength: TEXT_MAX, example: 'Preservation letter from plaintiff\u2019s counsel' })
  @IsString()
  @Length(1, TEXT_MAX)
  reason!: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: NAME_MAX, description: 'Counsel\u2019s matter number', example: 'CV-25-0142' })
  @IsOptional()
  @IsString()
  @Length(1, NAME_MAX)
  matter?: string;
}

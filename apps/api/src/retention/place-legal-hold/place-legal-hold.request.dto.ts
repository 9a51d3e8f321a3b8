import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

/** Exactly one of `caseId` and `patronRef` (the handler's controller checks which). */
export class PlaceLegalHoldRequestDto {
  @ApiPropertyOptional({ description: 'Hold one case' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  caseId?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 64, description: 'Hold every case of one patron (card number or patron id; stored only as its blind index)' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  patronRef?: string;

  @ApiProperty({ minLength: 1, maxLength: 4000, example: 'Preservation letter from plaintiff\u2019s counsel' })
  @IsString()
  @Length(1, 4000)
  reason!: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 200, description: 'Counsel\u2019s matter number', example: 'CV-25-0142' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  matter?: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { NATIONAL_SECURITY_STRUCTURES, type NationalSecurityStructure } from '@ledger/domain';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class TransparencyPeriodDto {
  @ApiProperty({ description: 'First day of the period, `YYYY-MM-DD`: a calendar day where the library is (`LEDGER_TIMEZONE`, recorded in the report as `timeZone`)', example: '2025-01-01' })
  @IsString()
  @Matches(DAY, { message: 'from must be a date (YYYY-MM-DD)' })
  from!: string;

  @ApiProperty({ description: 'Last day of the period (inclusive), `YYYY-MM-DD`, a library calendar day; before today in the library\u2019s zone (a period ending today is over at the library\u2019s midnight)', example: '2025-06-30' })
  @IsString()
  @Matches(DAY, { message: 'to must be a date (YYYY-MM-DD)' })
  to!: string;
}

export class PrepareTransparencyReportRequestDto {
  @ApiProperty({ type: TransparencyPeriodDto, description: 'At most a half-year under structures 1–3, a year under 4' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => TransparencyPeriodDto)
  period!: TransparencyPeriodDto;

  @ApiProperty({ enum: NATIONAL_SECURITY_STRUCTURES, description: 'Which of the four reporting structures of 50 U.S.C. § 1874(a) national security process is reported in (docs/transparency.md)' })
  @IsIn(NATIONAL_SECURITY_STRUCTURES)
  nationalSecurityStructure!: NationalSecurityStructure;

  @ApiPropertyOptional({ description: 'Counts from 1 to this − 1 are published as that range ("1–4" under 5); default 0: every count exact', minimum: 0, maximum: 100, default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  smallNumberThreshold?: number;

  @ApiPropertyOptional({ description: 'A published report this one corrects: both are shown, the old one marked superseded' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  supersedes?: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Allow, ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import { RETENTION_CASE_KINDS, type RetentionCaseKind } from '@ledger/domain';
import { RetentionRuleDto } from '../retention.response.dto.js';

export class RetentionRuleRequestDto {
  @ApiProperty({ example: 'RET-PATRON-SELF', pattern: '^[A-Z0-9][A-Z0-9-]{0,39}$' })
  @IsString()
  @Matches(/^[A-Z0-9][A-Z0-9-]{0,39}$/)
  id!: string;

  @ApiProperty({ enum: RETENTION_CASE_KINDS })
  @IsIn(RETENTION_CASE_KINDS)
  caseKind!: RetentionCaseKind;

  /** Checked by the domain (a whole number of days 0–36500, or "until_released"), which names the rule that is wrong. */
  @ApiProperty({ oneOf: [{ type: 'integer', minimum: 0, maximum: 36500 }, { type: 'string', enum: ['until_released'] }] })
  @Allow()
  keepDays!: number | 'until_released';

  /** Checked by the domain too; absent: the floor in force is carried over. */
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 36500, description: 'The floor for this kind: a rule below it, or a lower floor, needs counsel’s approval' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(36500)
  minimumDays?: number;
}

export class SetRetentionScheduleRequestDto {
  @ApiProperty({ type: [RetentionRuleDto], description: 'One rule for every kind of case' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(RETENTION_CASE_KINDS.length)
  @ValidateNested({ each: true })
  @Type(() => RetentionRuleRequestDto)
  rules!: RetentionRuleRequestDto[];
}

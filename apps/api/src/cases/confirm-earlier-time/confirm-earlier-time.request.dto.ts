import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { MEASURED_ACTS, type MeasuredAct, TEXT_MAX } from '@ledger/domain';
import { CaseCommandRequestDto } from '../case-command.request.dto.js';
import { MultiLine } from '../../http/text.js';

export class ConfirmEarlierTimeRequestDto extends CaseCommandRequestDto {
  @ApiProperty({ enum: MEASURED_ACTS, description: 'The case’s current act whose dated time the Director confirms' })
  @IsIn(MEASURED_ACTS)
  act!: MeasuredAct;

  @ApiPropertyOptional({ minLength: 1, maxLength: TEXT_MAX, description: 'Why the dated time is right (e.g. referred by phone, recorded later)' })
  @IsOptional()
  @IsString()
  @MultiLine(1, TEXT_MAX)
  note?: string;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { CaseCommandRequestDto } from '../case-command.request.dto.js';
import { MultiLine } from '../../http/text.js';
import { TEXT_MAX } from '@ledger/domain';

export class ExplainPolicyRequestDto extends CaseCommandRequestDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: TEXT_MAX, example: 'Explained CGS § 11-25 and the policy; no subpoena or court order' })
  @IsOptional()
  @IsString()
  @MultiLine(1, TEXT_MAX)
  note?: string;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { CaseCommandRequestDto } from '../case-command.request.dto.js';
import { MultiLine } from '../../http/text.js';

export class ExplainPolicyRequestDto extends CaseCommandRequestDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 4000, example: 'Explained CGS § 11-25 and the policy; no subpoena or court order' })
  @IsOptional()
  @IsString()
  @MultiLine(1, 4000)
  note?: string;
}

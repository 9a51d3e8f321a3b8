import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { CaseCommandRequestDto } from '../case-command.request.dto.js';
import { MultiLine } from '../../http/text.js';

export class ReferToDirectorRequestDto extends CaseCommandRequestDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 4000, example: 'Asked for the patronu2019s circulation history; officer at the desk' })
  @IsOptional()
  @IsString()
  @MultiLine(1, 4000)
  note?: string;
}

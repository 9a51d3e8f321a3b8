import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { CaseCommandRequestDto } from '../case-command.request.dto.js';
import { MultiLine } from '../../http/text.js';
import { TEXT_MAX } from '@ledger/domain';

export class ReferToDirectorRequestDto extends CaseCommandRequestDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: TEXT_MAX, example: 'Asked for the patronu2019s circulation history; officer at the desk' })
  @IsOptional()
  @IsString()
  @MultiLine(1, TEXT_MAX)
  note?: string;
}

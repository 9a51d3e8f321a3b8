import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { CaseCommandRequestDto } from '../case-command.request.dto.js';

export class ReferToDirectorRequestDto extends CaseCommandRequestDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 4000, example: 'Asked for the patronu2019s circulation history; officer at the desk' })
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  note?: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { CaseCommandRequestDto } from '../case-command.request.dto.js';
import { SingleLine, MultiLine } from '../../http/text.js';

export class ReferToCounselRequestDto extends CaseCommandRequestDto {
  @ApiProperty({ minLength: 1, maxLength: 200, description: 'A user with the counsel role (404 if unknown, 400 if not counsel)' })
  @IsString()
  @SingleLine(1, 200)
  counselUserId!: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MultiLine(1, 4000)
  note?: string;
}

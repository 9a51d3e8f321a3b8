import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { CaseCommandRequestDto } from '../case-command.request.dto.js';
import { SingleLine, MultiLine } from '../../http/text.js';
import { NAME_MAX, TEXT_MAX } from '@ledger/domain';

export class ReferToCounselRequestDto extends CaseCommandRequestDto {
  @ApiProperty({ minLength: 1, maxLength: NAME_MAX, description: 'A user with the counsel role (404 if unknown, 400 if not counsel)' })
  @IsString()
  @SingleLine(1, NAME_MAX)
  counselUserId!: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: TEXT_MAX })
  @IsOptional()
  @IsString()
  @MultiLine(1, TEXT_MAX)
  note?: string;
}

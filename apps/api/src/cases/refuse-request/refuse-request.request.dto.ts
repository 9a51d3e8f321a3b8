import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { CaseCommandRequestDto } from '../case-command.request.dto.js';
import { MultiLine } from '../../http/text.js';
import { TEXT_MAX } from '@ledger/domain';

export class RefuseRequestRequestDto extends CaseCommandRequestDto {
  @ApiProperty({ minLength: 1, maxLength: TEXT_MAX, example: 'No library card or photo id shown' })
  @IsString()
  @MultiLine(1, TEXT_MAX)
  reason!: string;
}

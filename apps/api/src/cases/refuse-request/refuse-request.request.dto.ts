import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { CaseCommandRequestDto } from '../case-command.request.dto.js';
import { MultiLine } from '../../http/text.js';

export class RefuseRequestRequestDto extends CaseCommandRequestDto {
  @ApiProperty({ minLength: 1, maxLength: 4000, example: 'No library card or photo id shown' })
  @IsString()
  @MultiLine(1, 4000)
  reason!: string;
}

import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { CaseCommandRequestDto } from '../case-command.request.dto.js';
import { SingleLine } from '../../http/text.js';

export class GrantNeedToKnowRequestDto extends CaseCommandRequestDto {
  @ApiProperty({ minLength: 1, maxLength: 200, description: 'The user who may read this case (never an admin)' })
  @IsString()
  @SingleLine(1, 200)
  userId!: string;
}

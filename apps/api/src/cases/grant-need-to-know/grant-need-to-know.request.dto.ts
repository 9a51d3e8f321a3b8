import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { CaseCommandRequestDto } from '../case-command.request.dto.js';
import { SingleLine } from '../../http/text.js';
import { NAME_MAX } from '@ledger/domain';

export class GrantNeedToKnowRequestDto extends CaseCommandRequestDto {
  @ApiProperty({ minLength: 1, maxLength: NAME_MAX, description: 'The user who may read this case (never an admin)' })
  @IsString()
  @SingleLine(1, NAME_MAX)
  userId!: string;
}

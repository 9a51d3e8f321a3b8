import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString } from 'class-validator';
import { ROLES, type Role } from '@ledger/domain';
import { SingleLine } from '../../http/text.js';

export class RegisterUserRequestDto {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Maria Lopez' })
  @IsString()
  @SingleLine(1, 200)
  name!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;
}

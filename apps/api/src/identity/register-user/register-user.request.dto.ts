import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { ROLES, type Role, NAME_MAX } from '@ledger/domain';
import { SingleLine } from '../../http/text.js';

export const USERNAME_PATTERN = /^[a-z0-9._-]{3,64}$/;

export class RegisterUserRequestDto {
  @ApiProperty({ minLength: 1, maxLength: NAME_MAX, example: 'Maria Lopez' })
  @IsString()
  @SingleLine(1, NAME_MAX)
  name!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ pattern: '^[a-z0-9._-]{3,64}$', example: 'mlopez', description: 'Unique; the name the user signs in to the web application with' })
  @IsOptional()
  @Matches(USERNAME_PATTERN, { message: 'username must be 3 to 64 of a-z, 0-9, dot, underscore and hyphen' })
  username?: string;
}

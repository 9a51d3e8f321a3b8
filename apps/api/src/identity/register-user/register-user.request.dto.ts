import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ROLES, type Role, NAME_MAX, USERNAME_MAX, USERNAME_MIN } from '@ledger/domain';
import { SingleLine } from '../../http/text.js';

const USERNAME_CHARACTERS = `^[a-z0-9._-]{${USERNAME_MIN},${USERNAME_MAX}}$`;
export const USERNAME_PATTERN = new RegExp(USERNAME_CHARACTERS);

export class RegisterUserRequestDto {
  @ApiProperty({ minLength: 1, maxLength: NAME_MAX, example: 'Maria Lopez' })
  @IsString()
  @SingleLine(1, NAME_MAX)
  name!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ pattern: USERNAME_CHARACTERS, example: 'mlopez', description: 'Unique; the name the user signs in to the web application with' })
  @IsOptional()
  @Matches(USERNAME_PATTERN, { message: `username must be ${USERNAME_MIN} to ${USERNAME_MAX} of a-z, 0-9, dot, underscore and hyphen` })
  username?: string;

  @ApiPropertyOptional({ format: 'email', maxLength: 254, example: 'mlopez@library.example', description: 'Kept lower-case; matched to the single sign-on provider’s verified `email` claim. Unique among active users: 409 (field `email`) while another active user has it' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;
}

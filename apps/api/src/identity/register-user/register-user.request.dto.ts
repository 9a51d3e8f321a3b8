import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { ROLES, type Role } from '@ledger/domain';

export class RegisterUserRequestDto {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Maria Lopez' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;
}

import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class PurgeCaseIdentityRequestDto {
  @ApiProperty({ description: 'The closed case whose patron identity is to be shredded now' })
  @IsString()
  @Length(1, 200)
  caseId!: string;

  @ApiProperty({ minLength: 1, maxLength: 4000, description: 'Why ahead of the schedule' })
  @IsString()
  @Length(1, 4000)
  reason!: string;
}

import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { NAME_MAX, TEXT_MAX } from '@ledger/domain';

export class PurgeCaseIdentityRequestDto {
  @ApiProperty({ description: 'The closed case whose patron identity is to be shredded now' })
  @IsString()
  @Length(1, NAME_MAX)
  caseId!: string;

  @ApiProperty({ minLength: 1, maxLength: TEXT_MAX, description: 'Why ahead of the schedule' })
  @IsString()
  @Length(1, TEXT_MAX)
  reason!: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { NAME_MAX, TEXT_MAX } from '@ledger/domain';

export class PurgeCaseIdentityRequestDto {
  @ApiProperty({ description: 'The closed case whose patron identity is to be shredded now' })
  @IsString()
  @Length(1, NAME_MAX)
  caseId!: string;

  @ApiProperty({ minLength: 1, maxLength: TEXT_MAX, description: 'Why now' })
  @IsString()
  @Length(1, TEXT_MAX)
  reason!: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: NAME_MAX, description: 'The records-disposition authorization the purge runs under (e.g. the State Library\u2019s RC-075 reference)' })
  @IsOptional()
  @IsString()
  @Length(1, NAME_MAX)
  dispositionAuthority?: string;
}

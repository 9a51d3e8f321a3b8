import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length, ValidateNested } from 'class-validator';
import { IdentificationDto } from '../../cases/open-case/open-case.request.dto.js';
import { IDENTIFICATIONS_MAX, PATRON_REF_MAX } from '@ledger/domain';

export class AnswerErasureRequestRequestDto {
  @ApiProperty({ minLength: 1, maxLength: 64, description: 'The patron\u2019s card number or patron id (never stored in clear)' })
  @IsString()
  @Length(1, PATRON_REF_MAX)
  patronRef!: string;

  @ApiProperty({ type: [IdentificationDto], minItems: 1, maxItems: 5, description: 'How the patron proved who they are: `photo_id`, `library_card` or `account_login`' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(IDENTIFICATIONS_MAX)
  @ValidateNested({ each: true })
  @Type(() => IdentificationDto)
  identification!: IdentificationDto[];
}

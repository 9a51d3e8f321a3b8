import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { IdentificationDto } from '../../cases/open-case/open-case.request.dto.js';
import { type Channel, CHANNELS, IDENTIFICATIONS_MAX, PATRON_REF_MAX, REQUESTER_KINDS, type RequesterKind } from '@ledger/domain';

export class AnswerErasureRequestRequestDto {
  @ApiProperty({ minLength: 1, maxLength: 64, description: 'The patron\u2019s card number or patron id (never stored in clear)' })
  @IsString()
  @Length(1, PATRON_REF_MAX)
  patronRef!: string;

  @ApiProperty({ type: [IdentificationDto], minItems: 1, maxItems: 5, description: 'How the patron proved who they are: `library_card` (not reported lost) or `photo_id`' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(IDENTIFICATIONS_MAX)
  @ValidateNested({ each: true })
  @Type(() => IdentificationDto)
  identification!: IdentificationDto[];

  @ApiPropertyOptional({ enum: REQUESTER_KINDS, default: 'patron', description: 'Who is asking: only the patron may (`ERASURE-ID`)' })
  @IsOptional()
  @IsIn(REQUESTER_KINDS)
  requesterKind?: RequesterKind;

  @ApiPropertyOptional({ enum: CHANNELS, default: 'in_person', description: 'How they ask: only in person (`ERASURE-ID`)' })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString } from 'class-validator';
import { CATEGORIES, RELEASE_DECISIONS, type Category, type ReleaseDecision, TEXT_MAX } from '@ledger/domain';
import { CaseCommandRequestDto } from '../case-command.request.dto.js';
import { MultiLine } from '../../http/text.js';

export class DecideReleaseRequestDto extends CaseCommandRequestDto {
  @ApiProperty({ enum: RELEASE_DECISIONS })
  @IsIn(RELEASE_DECISIONS)
  decision!: ReleaseDecision;

  @ApiPropertyOptional({
    enum: CATEGORIES,
    isArray: true,
    minItems: 1,
    maxItems: 18,
    uniqueItems: true,
    description: 'Required for `release_in_part`; `release` without it = everything counsel\u2019s advice permits',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CATEGORIES.length)
  @ArrayUnique()
  @IsIn(CATEGORIES, { each: true })
  categories?: Category[];

  @ApiProperty({ minLength: 1, maxLength: TEXT_MAX, example: 'On advice of counsel: the subpoena is valid for these categories' })
  @IsString()
  @MultiLine(1, TEXT_MAX)
  rationale!: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { CATEGORIES, RELEASE_METHODS, type Category, type ReleaseMethod } from '@ledger/domain';
import { CaseCommandRequestDto } from '../case-command.request.dto.js';

export class RecordReleaseRequestDto extends CaseCommandRequestDto {
  @ApiProperty({ enum: CATEGORIES, isArray: true, minItems: 1, maxItems: 18, uniqueItems: true, description: 'Within the evaluation\u2019s `permittedCategories` (422 RELEASE-SCOPE otherwise)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(18)
  @ArrayUnique()
  @IsIn(CATEGORIES, { each: true })
  categories!: Category[];

  @ApiPropertyOptional({ minLength: 1, maxLength: 200, description: 'Who received it, if not the requester' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  recipient?: string;

  @ApiProperty({ enum: RELEASE_METHODS })
  @IsIn(RELEASE_METHODS)
  method!: ReleaseMethod;
}

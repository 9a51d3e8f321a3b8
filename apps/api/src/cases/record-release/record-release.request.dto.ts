import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { RELEASE_METHODS, type Category, type ReleaseMethod, NAME_MAX } from '@ledger/domain';
import { CaseCommandRequestDto } from '../case-command.request.dto.js';
import { CategoryList } from '../../http/category-list.decorator.js';
import { SingleLine } from '../../http/text.js';

export class RecordReleaseRequestDto extends CaseCommandRequestDto {
  @CategoryList('Within the evaluation\u2019s `permittedCategories` (422 RELEASE-SCOPE otherwise)')
  categories!: Category[];

  @ApiPropertyOptional({ minLength: 1, maxLength: NAME_MAX, description: 'Who received it, if not the requester' })
  @IsOptional()
  @IsString()
  @SingleLine(1, NAME_MAX)
  recipient?: string;

  @ApiProperty({ enum: RELEASE_METHODS })
  @IsIn(RELEASE_METHODS)
  method!: ReleaseMethod;
}

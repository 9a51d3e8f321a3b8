import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString } from 'class-validator';
import { type Category, NAME_MAX, TEXT_MAX } from '@ledger/domain';
import { CaseCommandRequestDto } from '../case-command.request.dto.js';
import { CategoryList } from '../../http/category-list.decorator.js';
import { SingleLine, MultiLine } from '../../http/text.js';

export class RecordWarrantExecutionRequestDto extends CaseCommandRequestDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: NAME_MAX, description: 'Which search warrant (default: the latest on record covering the categories)' })
  @IsOptional()
  @IsString()
  @SingleLine(1, NAME_MAX)
  instrumentId?: string;

  @CategoryList('What was taken; inside one warrant\u2019s scope')
  categories!: Category[];

  @ApiPropertyOptional({ minLength: 1, maxLength: TEXT_MAX, example: 'Det. R. Hale (badge 212), Det. S. Ortiz (badge 305)' })
  @IsOptional()
  @IsString()
  @MultiLine(1, TEXT_MAX)
  officers?: string;

  @ApiProperty({ minLength: 1, maxLength: TEXT_MAX, example: 'Printout of circulation history, 3 pages' })
  @IsString()
  @MultiLine(1, TEXT_MAX)
  inventory!: string;

  @ApiProperty({ description: 'Was counsel present when the warrant was executed?' })
  @IsBoolean()
  counselPresent!: boolean;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString } from 'class-validator';
import { type Category } from '@ledger/domain';
import { CaseCommandRequestDto } from '../case-command.request.dto.js';
import { CategoryList } from '../../http/category-list.decorator.js';
import { SingleLine, MultiLine } from '../../http/text.js';

export class RecordWarrantExecutionRequestDto extends CaseCommandRequestDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200, description: 'Which search warrant (default: the latest on record covering the categories)' })
  @IsOptional()
  @IsString()
  @SingleLine(1, 200)
  instrumentId?: string;

  @CategoryList('What was taken; inside one warrant\u2019s scope')
  categories!: Category[];

  @ApiPropertyOptional({ minLength: 1, maxLength: 4000, example: 'Det. R. Hale (badge 212), Det. S. Ortiz (badge 305)' })
  @IsOptional()
  @IsString()
  @MultiLine(1, 4000)
  officers?: string;

  @ApiProperty({ minLength: 1, maxLength: 4000, example: 'Printout of circulation history, 3 pages' })
  @IsString()
  @MultiLine(1, 4000)
  inventory!: string;

  @ApiProperty({ description: 'Was counsel present when the warrant was executed?' })
  @IsBoolean()
  counselPresent!: boolean;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { IsInstant } from '../../http/instant.js';
import { RELEASE_METHODS, type Category, type ReleaseMethod, NAME_MAX, TEXT_MAX } from '@ledger/domain';
import { CaseCommandRequestDto } from '../case-command.request.dto.js';
import { CategoryList } from '../../http/category-list.decorator.js';
import { SingleLine, MultiLine } from '../../http/text.js';

export class RecordProductionRequestDto extends CaseCommandRequestDto {
  @CategoryList('Within instrument scope \u2229 advice \u2229 decision (422 LE-SCOPE otherwise)')
  categories!: Category[];

  @ApiProperty({ minLength: 1, maxLength: NAME_MAX, example: 'Connecticut State Police, Troop H' })
  @IsString()
  @SingleLine(1, NAME_MAX)
  recipient!: string;

  @ApiProperty({ enum: RELEASE_METHODS })
  @IsIn(RELEASE_METHODS)
  method!: ReleaseMethod;

  @ApiPropertyOptional({ minLength: 1, maxLength: TEXT_MAX, description: 'What was handed over' })
  @IsOptional()
  @IsString()
  @MultiLine(1, TEXT_MAX)
  inventory?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Start of the period of the records produced; required (with `recordsTo`) when an instrument on record has `scope.from`/`scope.to`, and inside it (422 LE-SCOPE)' })
  @IsOptional()
  @IsInstant()
  recordsFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'End of the period of the records produced (see `recordsFrom`)' })
  @IsOptional()
  @IsInstant()
  recordsTo?: string;
}

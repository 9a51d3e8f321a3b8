import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsObject, IsOptional, IsString, ValidateNested } from 'class-validator';
import { IsInstant } from '../../http/instant.js';
import { COUNSEL_ADVICE, type Category, type CounselAdvice, TEXT_MAX } from '@ledger/domain';
import { CaseCommandRequestDto } from '../case-command.request.dto.js';
import { CategoryList } from '../../http/category-list.decorator.js';
import { MultiLine } from '../../http/text.js';

export class CategoryScopeDto {
  @CategoryList()
  categories!: Category[];
}

export class RecordCounselAdviceRequestDto extends CaseCommandRequestDto {
  @ApiProperty({ enum: COUNSEL_ADVICE })
  @IsIn(COUNSEL_ADVICE)
  advice!: CounselAdvice;

  @ApiPropertyOptional({ type: CategoryScopeDto, description: 'Required for `comply_in_part`; none for `object`, `move_to_quash`, `decline`' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CategoryScopeDto)
  scope?: CategoryScopeDto;

  @ApiPropertyOptional({ minLength: 1, maxLength: TEXT_MAX })
  @IsOptional()
  @IsString()
  @MultiLine(1, TEXT_MAX)
  notes?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only with `object` or `move_to_quash`: when the objection or motion to quash was filed. Filed before an instrument\'s return date, it stops that clock (no DEADLINE-MISSED).' })
  @IsOptional()
  @IsInstant()
  filedAt?: string;

  @ApiPropertyOptional({ description: 'Counsel finds that the library provides an electronic communication service (18 U.S.C. § 2510(15)), so a national security letter reaches it (§ 2709(f)) and is handled as any instrument that is not a court order' })
  @IsOptional()
  @IsBoolean()
  providesCommunicationService?: boolean;
}

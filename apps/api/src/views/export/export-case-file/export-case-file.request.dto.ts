import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CASE_FILE_FORMATS, type CaseFileFormat } from '@ledger/exports';
import { ViewQueryRequestDto } from '../../shared/page-query.request.dto.js';

/** `minPosition` is accepted like on every query; the file is read from the case stream, so it answers at once. */
export class ExportCaseFileRequestDto extends ViewQueryRequestDto {
  @ApiPropertyOptional({ enum: CASE_FILE_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(CASE_FILE_FORMATS)
  format?: CaseFileFormat;
}

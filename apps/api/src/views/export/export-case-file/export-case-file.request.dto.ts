import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CASE_FILE_FORMATS, type CaseFileFormat } from '@ledger/exports';

export class ExportCaseFileRequestDto {
  @ApiPropertyOptional({ enum: CASE_FILE_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(CASE_FILE_FORMATS)
  format?: CaseFileFormat;
}

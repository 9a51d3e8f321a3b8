import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CASE_STATUSES, REQUESTER_KINDS, type RequesterKind } from '@ledger/domain';
import { BOARD_SORTS, type BoardSort, type BoardStatusFilter } from '@ledger/projections';
import { PageQueryRequestDto } from '../../shared/page-query.request.dto.js';

export class ListDirectorCasesRequestDto extends PageQueryRequestDto {
  @ApiPropertyOptional({ enum: ['open', 'closed', 'all', ...CASE_STATUSES.filter((s) => s !== 'open' && s !== 'closed')], default: 'open' })
  @IsOptional()
  @IsIn(['all', ...CASE_STATUSES])
  status?: BoardStatusFilter;

  @ApiPropertyOptional({ enum: REQUESTER_KINDS, description: 'requester kind' })
  @IsOptional()
  @IsIn(REQUESTER_KINDS)
  kind?: RequesterKind;

  @ApiPropertyOptional({
    enum: ['disclosure_request', 'wellness_check'],
    description: 'only disclosure requests, or only wellness checks (with status=all: every wellness check staff made, each with its date, who recorded it and whom they called)',
  })
  @IsOptional()
  @IsIn(['disclosure_request', 'wellness_check'])
  caseKind?: 'disclosure_request' | 'wellness_check';

  @ApiPropertyOptional({ enum: BOARD_SORTS, default: 'opened', description: '`opened`: newest first; `deadline`: the soonest next deadline first, cases without one last' })
  @IsOptional()
  @IsIn(BOARD_SORTS)
  sort?: BoardSort;
}

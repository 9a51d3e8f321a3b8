import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { MyCaseDto } from '../../views/desk/list-my-cases/my-case.response.dto.js';

/** A case found; a sealed one the caller is not named in is `{caseId, sealed: true}` only. */
export class CaseSearchItemDto extends OmitType(MyCaseDto, ['openedAt', 'nextAction'] as const) {
  @ApiPropertyOptional({ type: [String], description: 'The requester\u2019s name and agency as recorded (none for a patron\u2019s own request); absent on a sealed case' })
  requesterNames?: string[];

  @ApiPropertyOptional({ type: [String], description: 'The docket numbers of its instruments; absent on a sealed case' })
  docketNumbers?: string[];

  @ApiPropertyOptional({ type: String, nullable: true, description: 'The patron\u2019s pseudonym (null on a request about a resource); absent on a sealed case' })
  patronPseudonym?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'The next date an instrument sets (ISO 8601); absent on a sealed case' })
  nextDeadline?: string | null;

  @ApiPropertyOptional({ description: 'ISO 8601; absent on a sealed case' })
  openedAt?: string;
}

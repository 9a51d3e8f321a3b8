import { ApiProperty } from '@nestjs/swagger';
import { CATEGORIES, DEFAULT_JURISDICTION, ROUTES, RULE_EFFECTS, type Category, type Route, type RuleEffect } from '@ledger/domain';
import { CaseCommandResponseDto } from '../case-http.js';

export class FiredRuleDto {
  @ApiProperty({ example: 'PATRON-SELF-IN-PERSON' })
  id!: string;

  @ApiProperty({ enum: RULE_EFFECTS })
  effect!: RuleEffect;

  @ApiProperty({ example: DEFAULT_JURISDICTION.rules['PATRON-SELF-IN-PERSON'].citation, description: 'The policy section, and the statute of the jurisdiction the ledger runs under' })
  citation!: string;

  @ApiProperty()
  message!: string;
}

export class RequestEvaluationDto {
  @ApiProperty({ enum: ROUTES })
  route!: Route;

  @ApiProperty({ enum: CATEGORIES, isArray: true, description: 'The requested categories the policy allows staff to release; never more than asked' })
  permittedCategories!: Category[];

  @ApiProperty({ type: [FiredRuleDto] })
  rules!: FiredRuleDto[];

  @ApiProperty({ type: [String], description: 'Active written consents naming the requester' })
  consentIds!: string[];
}

export class OpenCaseResponseDto extends CaseCommandResponseDto {
  @ApiProperty({ type: RequestEvaluationDto })
  evaluation!: RequestEvaluationDto;
}

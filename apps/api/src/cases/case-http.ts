import { applyDecorators } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiOperation,
  ApiParam,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { CASE_STATUSES, OUTCOMES, type CaseStatus, type Outcome } from '@ledger/domain';
import { ProblemResponses } from '../http/openapi.js';

/** The answer of a case command, for the OpenAPI document. */
export class CaseCommandResponseDto {
  @ApiProperty({ example: '6f1c1f6e-3a52-4c3e-9d0e-0d6b8a0e2f11' })
  caseId!: string;

  @ApiProperty({ description: 'The case stream\u2019s revision after this command (decimal string): send it back as `If-Match`', example: '3' })
  revision!: string;

  @ApiProperty({ description: 'Position in the ledger (decimal string): pass as `minPosition` to views', example: '1042' })
  position!: string;

  @ApiProperty({ enum: CASE_STATUSES })
  status!: CaseStatus;

  @ApiPropertyOptional({ enum: OUTCOMES, description: 'Once the case is closed' })
  outcome?: Outcome;
}

/** The OpenAPI shape shared by every `POST /v1/cases/:caseId/...` command. */
export function CaseCommandEndpoint(openapi: { summary: string; created: string; policy?: string; forbidden?: string; responseType?: new () => unknown }) {
  return applyDecorators(
    ApiOperation({ summary: openapi.summary }),
    ApiTags('cases'),
    ApiParam({ name: 'caseId', description: 'The case id POST /v1/cases answered with' }),
    ApiHeader({ name: 'If-Match', required: false, description: 'The revision last seen, e.g. `"3"`: 412 when the case has moved on' }),
    ApiCreatedResponse({ description: openapi.created, type: openapi.responseType ?? CaseCommandResponseDto }),
    ProblemResponses(
      [400, 'Invalid body (each failed field in `errors[]`), `If-Match` malformed, `occurredAt` in the future or before the case was received'],
      ...(openapi.forbidden ? [[403, openapi.forbidden] as const] : []),
      [404, 'Unknown case'],
      409,
      412,
      ...(openapi.policy ? [[422, openapi.policy] as const] : []),
    ),
  );
}

export class RecordedInstrumentResponseDto extends CaseCommandResponseDto {
  @ApiProperty({ description: 'The instrument\u2019s id (server-made)' })
  instrumentId!: string;
}

import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from './problem-details.js';

export class FieldErrorDto {
  @ApiProperty({ example: 'patronRef' })
  field!: string;

  @ApiProperty({ type: [String], example: ['patronRef must be shorter than or equal to 64 characters'] })
  messages!: string[];
}

/** RFC 9457 problem details: the body of every error answer. */
export class ProblemDetailsDto {
  @ApiProperty({ description: 'One URN per class of error, e.g. `urn:disclosure-ledger:problem:rule/LE-SCOPE`' })
  type!: string;

  @ApiProperty({ example: 'Refused by policy' })
  title!: string;

  @ApiProperty({ example: 422 })
  status!: number;

  @ApiProperty({ description: 'What went wrong, in plain English; never echoes a patron reference or a token' })
  detail!: string;

  @ApiPropertyOptional({ description: 'The policy rule (403, 409, 422), e.g. `LE-DIRECTOR-ONLY`, `CASE-STATE`, `RELEASE-SCOPE`' })
  rule?: string;

  @ApiPropertyOptional({ description: 'The policy section (and statute) the rule applies', example: 'Disclosure to Law Enforcement; CGS § 11-25' })
  citation?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'On 400: every failed field' })
  errors?: FieldErrorDto[];
}

/** The error answers of the contract, as `ProblemResponses` declares them. */
export const PROBLEM_STATUSES = [400, 401, 403, 404, 409, 412, 422, 429, 503] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

const DEFAULT_MEANING: Readonly<Record<ProblemStatus, string>> = {
  400: 'Invalid body, query or path (each failed field in `errors[]`; unknown fields are refused)',
  401: 'No token, or an unknown or revoked one',
  403: 'The caller\u2019s role may not do this',
  404: 'Unknown case, user, consent or appointment',
  409: '`rule: "CASE-STATE"`: the state does not allow this; or a write conflict that retries did not resolve',
  412: '`If-Match` names a revision the case has moved past',
  422: 'The policy forbids it: `rule` and `citation` say which rule and where',
  429: 'Too many failed authentications from this address: wait `Retry-After` seconds',
  503: '`minPosition` was not reached within 5 s, or the server is shutting down',
};

/** A status, or a status with what it means on this route. */
export type ProblemSpec = ProblemStatus | readonly [ProblemStatus, string];

const RESPONSES_METADATA = 'swagger/apiResponse';

function problemResponse(status: ProblemStatus, description: string) {
  return ApiResponse({
    status,
    description,
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } },
  });
}

/**
 * The `application/problem+json` answers a route can give, e.g.
 * `@ProblemResponses(400, 404, [422, '`RELEASE-SCOPE`, `FAMILY-NO-CONTACT`'])`. A status given here
 * replaces the default that `@Roles` declares (401, 403, 429).
 */
export function ProblemResponses(...specs: ProblemSpec[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDetailsDto),
    ...specs.map((spec) => (typeof spec === 'number' ? problemResponse(spec, DEFAULT_MEANING[spec]) : problemResponse(spec[0], spec[1]))),
  );
}

/** Declares a problem answer unless the route already declares that status (whatever the decorators' order). */
export function DefaultProblemResponses(...statuses: ProblemStatus[]): MethodDecorator {
  return (target, key, descriptor) => {
    const declared = (Reflect.getMetadata(RESPONSES_METADATA, descriptor.value as object) ?? {}) as Record<string, unknown>;
    const missing = statuses.filter((status) => declared[String(status)] === undefined);
    if (missing.length > 0) ProblemResponses(...missing)(target, key, descriptor);
    return descriptor;
  };
}

/** `200 {items, nextCursor}`: one page of `item`, with the opaque cursor of the next (null on the last). */
export function ApiPageResponse(item: Type<unknown>, description: string): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(item),
    ApiOkResponse({
      description,
      schema: {
        type: 'object',
        required: ['items', 'nextCursor'],
        properties: {
          items: { type: 'array', items: { $ref: getSchemaPath(item) } },
          nextCursor: { type: 'string', nullable: true, description: 'Pass back as `cursor` for the next page; null on the last' },
        },
      },
    }),
  );
}

/** The bearer scheme as it is: an opaque random token the server issued, looked up by its hash (not a JWT). */
export const BEARER_SCHEME = {
  type: 'http',
  scheme: 'bearer',
  bearerFormat: 'opaque',
  description:
    'An opaque token (`dl_` followed by 256 random bits) that the server issued to one user: shown once when the user is created or a token is issued, stored only as its SHA-256 hash, revocable at once. Not a JWT: it carries no claims and cannot be decoded.',
} as const;

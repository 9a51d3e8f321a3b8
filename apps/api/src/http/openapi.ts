import { applyDecorators, type Type } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ApiExtraModels, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { DEFAULT_JURISDICTION } from '@ledger/domain';
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

  @ApiPropertyOptional({ description: 'The policy section (and the statute of the jurisdiction the ledger runs under) the rule applies', example: DEFAULT_JURISDICTION.rules['LE-DIRECTOR-ONLY'].citation })
  citation?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'On 400: every failed field' })
  errors?: FieldErrorDto[];

  @ApiPropertyOptional({ description: 'This request\u2019s id, as in the `X-Request-Id` header and the server\u2019s log line for it: quote it when reporting a problem' })
  requestId?: string;
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

type OpenApiOperation = { security?: Record<string, unknown>[]; parameters?: unknown[]; responses?: Record<string, unknown> };

/**
 * Every write a signed-in user makes takes an `Idempotency-Key` (IdempotencyInterceptor, which applies to
 * them all): the document says so on each such operation, with the 422 and 409 it can answer.
 */
export function documentIdempotencyKey(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths) as Record<string, unknown>[]) {
    for (const method of ['post', 'put', 'patch', 'delete']) {
      const operation = item[method] as OpenApiOperation | undefined;
      if (!operation || (operation.security ?? []).some((requirement) => Object.keys(requirement).length === 0)) continue;
      operation.parameters = [
        ...(operation.parameters ?? []),
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
          description:
            'Makes a retry safe: the first request with a key runs and its answer is kept; the same request again with the same key gets that answer again (header `Idempotent-Replayed: true`) and records nothing. Use a new UUID per command.',
        },
      ];
      const responses = (operation.responses ??= {});
      const problem = { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } };
      const reused = '`IDEMPOTENCY-KEY-REUSED`: this Idempotency-Key was used for a different request';
      const inFlight = '`IDEMPOTENCY-KEY-IN-FLIGHT`: the first request with this Idempotency-Key is not answered yet';
      const append = (status: string, meaning: string) => {
        const existing = responses[status] as { description?: string } | undefined;
        responses[status] = existing ? { ...existing, description: `${existing.description ?? ''}; or ${meaning}` } : { description: meaning, content: problem };
      };
      append('400', 'a malformed `Idempotency-Key`');
      append('422', reused);
      append('409', inFlight);
    }
  }
}

/**
 * Every write of the API takes `Prefer: receipt` (ReceiptInterceptor, which applies to them all): the
 * document says so on each, with the headers of its answer and the `receipt` member its JSON body may
 * carry (the shape of `GET /v1/ledger/receipts`).
 */
export function documentReceipts(document: OpenAPIObject, receiptSchema: string): void {
  for (const [path, item] of Object.entries(document.paths) as [string, Record<string, unknown>][]) {
    if (!path.startsWith('/v1/')) continue;
    for (const method of ['post', 'put', 'patch', 'delete']) {
      const operation = item[method] as (OpenApiOperation & { responses?: Record<string, { headers?: object; content?: Record<string, { schema?: object }> }> }) | undefined;
      if (!operation) continue;
      operation.parameters = [
        ...(operation.parameters ?? []),
        {
          name: 'Prefer',
          in: 'header',
          required: false,
          schema: { type: 'string' },
          description: '`receipt`: the answer carries the signed checkpoint and the inclusion proofs of the events the write appended (`receipt`), or links to them (`Link: <…>; rel="receipt"`) until a checkpoint covers them',
        },
      ];
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (!status.startsWith('2')) continue;
        response.headers = {
          ...response.headers,
          'Preference-Applied': { description: '`receipt` when the write was sent with `Prefer: receipt` and appended events', schema: { type: 'string' } },
          Link: { description: 'with `Prefer: receipt`: `<…/v1/ledger/receipts?events=…>; rel="receipt"`, the receipt once a signed checkpoint covers the events', schema: { type: 'string' } },
        };
        for (const media of Object.values(response.content ?? {})) {
          if (media.schema && '$ref' in media.schema) {
            media.schema = { type: 'object', allOf: [media.schema, { type: 'object', properties: { receipt: { $ref: receiptSchema } } }] };
          }
        }
      }
    }
  }
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/**
 * Answers any operation can give whatever its route declares, added to each: 503 (the event store is
 * unreachable, or the server is draining for a shutdown) and, where a body is taken, 413 (larger than
 * the 64 kB the body parser accepts). The e2e suite checks every answer against the document, so an
 * answer missing here fails there.
 */
export function documentAnswersOfEveryOperation(document: OpenAPIObject): void {
  const problem = { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } };
  const unavailable = 'The event store cannot be reached just now, or the server is shutting down: retry shortly (with the same `Idempotency-Key` for a write)';
  for (const item of Object.values(document.paths) as Record<string, unknown>[]) {
    for (const method of HTTP_METHODS) {
      const operation = item[method] as (OpenApiOperation & { requestBody?: unknown }) | undefined;
      if (!operation) continue;
      const responses = (operation.responses ??= {});
      const existing = responses['503'] as { description?: string } | undefined;
      responses['503'] = existing ? { ...existing, description: `${existing.description ?? ''}; or ${unavailable}` } : { description: unavailable, content: problem };
      if (operation.requestBody && !responses['413']) responses['413'] = { description: 'The request body is larger than 64 kB', content: problem };
    }
  }
}

type SchemaNode = { [key: string]: unknown };

/**
 * `nullable: true` as OpenAPI 3.0.3 reads it, which is how validators (ajv among them) apply it: it adds
 * null to the `type` beside it and to nothing else. So an enum that may be null must list null, and a
 * nullable object given by `$ref` (which @nestjs/swagger writes as `allOf: [$ref]`, refusing null) must
 * be "that object, or null". This makes every nullable schema of the document say so.
 */
export function documentNullables(document: OpenAPIObject): void {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const schema = node as SchemaNode;
    if (schema.nullable === true) {
      if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...(schema.enum as unknown[]), null];
      if (Array.isArray(schema.allOf)) {
        schema.anyOf = [schema.allOf.length === 1 ? schema.allOf[0] : { allOf: schema.allOf }, { type: 'object', nullable: true, enum: [null] }];
        delete schema.allOf;
        delete schema.type;
        delete schema.nullable;
      }
    }
    Object.values(schema).forEach(visit);
  };
  visit(document.paths);
  visit(document.components);
}

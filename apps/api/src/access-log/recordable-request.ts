import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync } from 'class-validator';
import { isCaseId } from '@ledger/domain';

/** What the access log records in place of a value the server could not validate. */
export const WITHHELD = '[withheld]';

/**
 * Paging and consistency (an opaque cursor, a position to wait for) say nothing about what was asked,
 * and a position is as long as a card number: neither is recorded.
 */
const NOT_RECORDED = new Set(['cursor', 'minPosition']);

type QueryDto = new () => object;

/**
 * The query's parameters as the access log may keep them. A reader can type anything into a URL —
 * a card number where a filter goes — and an access record is immutable and hash-chained, so only
 * names the route's DTO declares are kept, each with its value only when that value passes the DTO's
 * own validation; a declared name with an invalid value keeps `[withheld]`, and names the route does
 * not know are left out (the name itself could be the card number).
 */
export function recordableQuery(dto: QueryDto | undefined, query: Record<string, unknown>): Record<string, string> {
  if (!dto) return {};
  const declared = declaredProperties(dto);
  const invalid = new Set(validateSync(plainToInstance(dto, query), { forbidUnknownValues: false }).map((error) => error.property));
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(query)) {
    if (!declared.has(name) || NOT_RECORDED.has(name)) continue;
    out[name] = typeof value === 'string' && !invalid.has(name) ? value : WITHHELD;
  }
  return out;
}

/** A case id is recorded only when it is one the server could have made; anything else is `[withheld]`. */
export function recordableCaseId(caseId: string | undefined): string | undefined {
  if (caseId === undefined) return undefined;
  return isCaseId(caseId) ? caseId : WITHHELD;
}

/** The class of the handler's `@Query()` argument, as TypeScript emitted it, if it has one. */
export function queryDtoOf(controller: object, handler: string | symbol): QueryDto | undefined {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller.constructor, handler) ?? {}) as Record<string, { index: number; data?: unknown }>;
  const types = (Reflect.getMetadata('design:paramtypes', controller, handler) ?? []) as unknown[];
  for (const [key, arg] of Object.entries(args)) {
    if (key.split(':')[0] === String(RouteParamtypes.QUERY) && arg.data === undefined) {
      const type = types[arg.index];
      return typeof type === 'function' && type !== Object ? (type as QueryDto) : undefined;
    }
  }
  return undefined;
}

const declaredByDto = new WeakMap<QueryDto, Set<string>>();

/** The properties a DTO declares (it and its ancestors), read off class-validator's metadata. */
function declaredProperties(dto: QueryDto): Set<string> {
  let names = declaredByDto.get(dto);
  if (!names) {
    names = new Set(getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false).map((metadata) => metadata.propertyName));
    declaredByDto.set(dto, names);
  }
  return names;
}

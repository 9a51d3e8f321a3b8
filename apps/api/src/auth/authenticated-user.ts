import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiSecurity } from '@nestjs/swagger';
import { ROLES, type Role } from '@ledger/domain';
import { DefaultProblemResponses } from '../http/openapi.js';

export interface AuthenticatedUser {
  readonly userId: string;
  readonly name: string;
  readonly role: Role;
  readonly tokenId: string;
}

export const IS_PUBLIC = 'ledger:isPublic';
export const ALLOWED_ROLES = 'ledger:allowedRoles';

/** No token needed (only `GET /health`); the OpenAPI document says so (an empty security requirement). */
export const Public = (): MethodDecorator => (target, key, descriptor) => {
  SetMetadata(IS_PUBLIC, true)(target, key, descriptor);
  ApiSecurity({})(target, key, descriptor);
  return descriptor;
};

export const IS_LOG_PUBLIC = 'ledger:isLogPublic';

/**
 * What a mirror or a witness reads of the verifiable log (checkpoint, public key, tiles): no token
 * needed when `LEDGER_LOG_PUBLIC=true`, else as `@Roles` says. The OpenAPI document offers both.
 */
export const LogPublic = (): MethodDecorator => (target, key, descriptor) => {
  SetMetadata(IS_LOG_PUBLIC, true)(target, key, descriptor);
  ApiSecurity({})(target, key, descriptor);
  return descriptor;
};

/**
 * The roles that may reach a handler at all. Finer rules (the referred counsel, an active
 * designee, a sealed case) are the domain's, so that they answer with a rule id.
 */
export const Roles =
  (...roles: Role[]): MethodDecorator =>
  (target, key, descriptor) => {
    SetMetadata(ALLOWED_ROLES, roles)(target, key, descriptor);
    // The OpenAPI document says who may call, and the answers the guard itself gives. This is the one
    // place an operation is said to take the bearer token: a controller saying it too lists it twice.
    ApiBearerAuth('bearer')(target, key, descriptor);
    ApiExtension('x-roles', roles)(target, key, descriptor);
    const everyRole = ROLES.every((role) => roles.includes(role));
    DefaultProblemResponses(401, 429, ...(everyRole ? [] : [403 as const]))(target, key, descriptor);
    return descriptor;
  };

export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedUser => {
  const request = context.switchToHttp().getRequest<{ user?: AuthenticatedUser }>();
  if (!request.user) throw new Error('CurrentUser used on a public route');
  return request.user;
});

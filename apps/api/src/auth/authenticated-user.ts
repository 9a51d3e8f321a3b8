import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@ledger/domain';

export interface AuthenticatedUser {
  readonly userId: string;
  readonly name: string;
  readonly role: Role;
  readonly tokenId: string;
}

export const IS_PUBLIC = 'ledger:isPublic';
export const ALLOWED_ROLES = 'ledger:allowedRoles';

/** No token needed (only `GET /health`). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * The roles that may reach a handler at all. Finer rules (the referred counsel, an active
 * designee, a sealed case) are the domain's, so that they answer with a rule id.
 */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedUser => {
  const request = context.switchToHttp().getRequest<{ user?: AuthenticatedUser }>();
  if (!request.user) throw new Error('CurrentUser used on a public route');
  return request.user;
});

import type { Role } from '../vocabulary.js';

export type UserEvent =
  | { readonly type: 'UserRegistered'; readonly data: { userId: string; name: string; role: Role; by: string; occurredAt: string } }
  | { readonly type: 'TokenIssued'; readonly data: { userId: string; tokenId: string; tokenSha256: string; by: string; occurredAt: string } }
  | { readonly type: 'TokensRevoked'; readonly data: { userId: string; tokenIds: string[]; by: string; occurredAt: string } };

export const USER_EVENT_TYPES = ['UserRegistered', 'TokenIssued', 'TokensRevoked'] as const satisfies readonly UserEvent['type'][];


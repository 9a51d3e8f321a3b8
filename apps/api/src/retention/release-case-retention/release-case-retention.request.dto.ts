import { PurgeCaseIdentityRequestDto } from '../purge-case-identity/purge-case-identity.request.dto.js';

/** `{caseId, reason}`: why the case need no longer be kept. */
export class ReleaseCaseRetentionRequestDto extends PurgeCaseIdentityRequestDto {}

import { Command } from '@nestjs/cqrs';
import type { AuthenticatedUser } from '../../auth/authenticated-user.js';

export class WithdrawVendorApprovalCommand extends Command<{ revision: string; position: string }> {
  constructor(
    readonly vendorId: string,
    readonly user: AuthenticatedUser,
  ) {
    super();
  }
}

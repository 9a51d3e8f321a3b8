import { Command } from '@nestjs/cqrs';
import type { AuthenticatedUser } from '../../auth/authenticated-user.js';

export interface ApprovedVendorAnswer {
  readonly vendorId: string;
  readonly revision: string;
  readonly position: string;
}

export class ApproveVendorCommand extends Command<ApprovedVendorAnswer> {
  constructor(
    readonly name: string,
    readonly service: string,
    readonly user: AuthenticatedUser,
  ) {
    super();
  }
}

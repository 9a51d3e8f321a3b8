import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type VendorCommand, vendorDecider, VENDORS_STREAM } from '@ledger/domain';
import { StreamCommandRunner } from '@ledger/runtime';
import { ApproveVendorCommand, type ApprovedVendorAnswer } from './approve-vendor.command.js';
import { newEntityId } from '@ledger/ledger';

@CommandHandler(ApproveVendorCommand)
export class ApproveVendorHandler implements ICommandHandler<ApproveVendorCommand, ApprovedVendorAnswer> {
  constructor(private readonly runner: StreamCommandRunner) {}

  async execute(command: ApproveVendorCommand): Promise<ApprovedVendorAnswer> {
    const vendorId = newEntityId();
    // The list is the Director's alone (the decider checks): designee powers cover law enforcement, not vendors.
    const result = await this.runner.run({
      stream: VENDORS_STREAM,
      decider: vendorDecider,
      user: command.user,
      command: (base): VendorCommand => ({ type: 'ApproveVendor', vendorId, name: command.name, service: command.service, ...base }),
    });
    return { vendorId, revision: result.revision.toString(), position: result.position.toString() };
  }
}

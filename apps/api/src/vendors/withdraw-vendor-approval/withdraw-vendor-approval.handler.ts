import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type VendorCommand, vendorDecider, VENDORS_STREAM } from '@ledger/domain';
import { StreamCommandRunner } from '@ledger/runtime';
import { WithdrawVendorApprovalCommand } from './withdraw-vendor-approval.command.js';

@CommandHandler(WithdrawVendorApprovalCommand)
export class WithdrawVendorApprovalHandler implements ICommandHandler<WithdrawVendorApprovalCommand> {
  constructor(private readonly runner: StreamCommandRunner) {}

  async execute(command: WithdrawVendorApprovalCommand) {
    // 404 (from the decider) for a vendor never approved, 409 for one already withdrawn.
    const result = await this.runner.run({
      stream: VENDORS_STREAM,
      decider: vendorDecider,
      user: command.user,
      command: (base): VendorCommand => ({ type: 'WithdrawVendorApproval', vendorId: command.vendorId, ...base }),
    });
    return { revision: result.revision.toString(), position: result.position.toString() };
  }
}

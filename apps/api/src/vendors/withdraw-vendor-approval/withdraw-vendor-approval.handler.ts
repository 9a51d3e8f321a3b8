import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Actor, vendorDecider, VENDORS_STREAM } from '@ledger/domain';
import type { CommandPipeline } from '@ledger/ledger';
import { type Clock, CLOCK, COMMAND_PIPELINE } from '../../infrastructure/tokens.js';
import { WithdrawVendorApprovalCommand } from './withdraw-vendor-approval.command.js';

@CommandHandler(WithdrawVendorApprovalCommand)
export class WithdrawVendorApprovalHandler implements ICommandHandler<WithdrawVendorApprovalCommand> {
  constructor(
    @Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: WithdrawVendorApprovalCommand) {
    const now = this.clock.now().toISOString();
    const actor: Actor = { userId: command.user.userId, role: command.user.role, isActiveDesignee: false };
    // 404 (from the decider) for a vendor never approved, 409 for one already withdrawn.
    const result = await this.pipeline.execute({
      stream: VENDORS_STREAM,
      decider: vendorDecider,
      command: { type: 'WithdrawVendorApproval', vendorId: command.vendorId, actor, occurredAt: now, recordedAt: now },
      meta: { actor, recordedAt: now },
    });
    return { revision: result.revision.toString(), position: result.position.toString() };
  }
}

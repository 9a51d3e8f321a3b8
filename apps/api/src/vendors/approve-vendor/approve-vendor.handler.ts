import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { type Actor, vendorDecider, VENDORS_STREAM } from '@ledger/domain';
import type { CommandPipeline } from '@ledger/ledger';
import { type Clock, CLOCK, COMMAND_PIPELINE } from '../../infrastructure/tokens.js';
import { ApproveVendorCommand, type ApprovedVendorAnswer } from './approve-vendor.command.js';

@CommandHandler(ApproveVendorCommand)
export class ApproveVendorHandler implements ICommandHandler<ApproveVendorCommand, ApprovedVendorAnswer> {
  constructor(
    @Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: ApproveVendorCommand): Promise<ApprovedVendorAnswer> {
    const now = this.clock.now().toISOString();
    const vendorId = randomUUID();
    // The list is the Director's alone (the decider checks): designee powers cover law enforcement, not vendors.
    const actor: Actor = { userId: command.user.userId, role: command.user.role, isActiveDesignee: false };
    const result = await this.pipeline.execute({
      stream: VENDORS_STREAM,
      decider: vendorDecider,
      command: { type: 'ApproveVendor', vendorId, name: command.name, service: command.service, actor, occurredAt: now, recordedAt: now },
      meta: { actor, recordedAt: now },
    });
    return { vendorId, revision: result.revision.toString(), position: result.position.toString() };
  }
}

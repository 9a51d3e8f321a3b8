import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { ProblemResponses } from '../../http/openapi.js';
import { idParam } from '../../http/validation.js';
import { WithdrawVendorApprovalCommand } from './withdraw-vendor-approval.command.js';

@ApiTags('vendors')
@Controller('v1/vendors/:vendorId')
export class WithdrawVendorApprovalHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Withdraws the approval: the vendor's requests are denied from now on (VENDOR-NOT-APPROVED). */
  @Delete()
  @ApiOperation({ summary: 'Withdraw a vendor\'s approval' })
  @HttpCode(204)
  @Roles('director')
  @ApiNoContentResponse({ description: 'Withdrawn' })
  @ProblemResponses([400, '`vendorId` is not a UUID'], [404, 'No such vendor'], [409, 'Already withdrawn'])
  async withdraw(@Param('vendorId', idParam('vendorId')) vendorId: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.commands.execute(new WithdrawVendorApprovalCommand(vendorId, user));
  }
}

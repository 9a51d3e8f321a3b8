import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ApproveVendorHandler } from './approve-vendor/approve-vendor.handler.js';
import { ApproveVendorHttpController } from './approve-vendor/approve-vendor.http.controller.js';
import { ListVendorsHandler } from './list-vendors/list-vendors.handler.js';
import { ListVendorsHttpController } from './list-vendors/list-vendors.http.controller.js';
import { WithdrawVendorApprovalHandler } from './withdraw-vendor-approval/withdraw-vendor-approval.handler.js';
import { WithdrawVendorApprovalHttpController } from './withdraw-vendor-approval/withdraw-vendor-approval.http.controller.js';

/** The library's approved vendors (`vendors-main`), kept by the Director. */
@Module({
  imports: [CqrsModule],
  controllers: [ApproveVendorHttpController, ListVendorsHttpController, WithdrawVendorApprovalHttpController],
  providers: [ApproveVendorHandler, ListVendorsHandler, WithdrawVendorApprovalHandler],
})
export class VendorsModule {}

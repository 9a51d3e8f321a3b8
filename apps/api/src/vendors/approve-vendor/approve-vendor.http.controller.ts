import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { ProblemResponses } from '../../http/openapi.js';
import { ApproveVendorCommand } from './approve-vendor.command.js';
import { ApproveVendorRequestDto } from './approve-vendor.request.dto.js';
import { ApproveVendorResponseDto } from './approve-vendor.response.dto.js';

@ApiTags('vendors')
@Controller('v1/vendors')
export class ApproveVendorHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Adds a vendor to the library's approved list: only its requests, online with `vendor_credentials`, are answered (VENDOR-AUTH). */
  @Post()
  @ApiOperation({ summary: 'Approve a vendor' })
  @HttpCode(201)
  @Roles('director')
  @ApiCreatedResponse({ description: 'The approved vendor', type: ApproveVendorResponseDto })
  @ProblemResponses([400, 'Invalid body'], 409)
  async approve(@Body() body: ApproveVendorRequestDto, @CurrentUser() user: AuthenticatedUser) {
    return this.commands.execute(new ApproveVendorCommand(body.name, body.service, user));
  }
}

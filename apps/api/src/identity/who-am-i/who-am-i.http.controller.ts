import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES } from '@ledger/domain';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { DesigneeRoster } from '../../auth/designee-roster.js';
import { type Clock, CLOCK } from '../../infrastructure/tokens.js';
import { WhoAmIResponseDto } from '../user.response.dto.js';

@ApiTags('users')
@Controller('v1/me')
export class WhoAmIHttpController {
  constructor(
    private readonly roster: DesigneeRoster,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Who the caller is: user, role and designee appointment' })
  @Roles(...ROLES)
  @ApiOkResponse({ type: WhoAmIResponseDto })
  async me(@CurrentUser() user: AuthenticatedUser) {
    const designee = await this.roster.appointmentOf(user.userId, this.clock.now());
    return { userId: user.userId, name: user.name, role: user.role, designee };
  }
}

import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { ApiNoContentResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { ProblemResponses } from '../../http/openapi.js';
import { idParam } from '../../http/validation.js';
import { SecondFactors } from './second-factors.service.js';

@ApiTags('users')
@Controller('v1/users/:userId/second-factors')
export class ResetSecondFactorsHttpController {
  constructor(private readonly secondFactors: SecondFactors) {}

  /** A lost phone or key: every TOTP app, passkey and recovery code of the user is removed (an event) and their web sessions end on every instance. */
  @Delete()
  @ApiOperation({ summary: 'Reset a user’s second factors (their sessions end)' })
  @HttpCode(204)
  @Roles('admin')
  @ApiNoContentResponse({ description: 'The user has no second factor left; their web sessions have ended. They set one up again at their next sign-in' })
  @ProblemResponses([400, '`userId` is not a UUID'], [404, 'Unknown user'])
  async reset(@Param('userId', idParam('userId')) userId: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.secondFactors.reset(userId, user);
  }
}

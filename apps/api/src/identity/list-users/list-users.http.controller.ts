import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { IdentityDirectory } from '@ledger/projections';
import { Roles } from '../../auth/authenticated-user.js';
import { IDENTITY_DIRECTORY } from '../../infrastructure/tokens.js';
import { SECOND_FACTORS, UserListResponseDto } from '../user.response.dto.js';

@ApiTags('users')
@Controller('v1/users')
export class ListUsersHttpController {
  constructor(@Inject(IDENTITY_DIRECTORY) private readonly directory: IdentityDirectory) {}

  /** Every user, active or not, oldest first: who may sign in, and with what. */
  @Get()
  @ApiOperation({ summary: 'List the users' })
  @Roles('admin')
  @ApiOkResponse({ type: UserListResponseDto })
  list(): UserListResponseDto {
    return {
      items: this.directory.listUsers().map((user) => ({
        userId: user.userId,
        name: user.name,
        role: user.role,
        username: user.username,
        email: user.email,
        active: user.active,
        // Recovery codes come with a factor and are not one by themselves.
        mfa: user.secondFactors.filter((kind): kind is (typeof SECOND_FACTORS)[number] => (SECOND_FACTORS as readonly string[]).includes(kind)),
      })),
    };
  }
}
